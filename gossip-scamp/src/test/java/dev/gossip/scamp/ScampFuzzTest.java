package dev.gossip.scamp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.spi.MembershipMessage;
import dev.gossip.testkit.Fuzz;
import dev.gossip.testkit.MembershipHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property tests of the SCAMP state machine with seeded random message sequences ({@link Fuzz}):
 * whatever arrives, in whatever order, views never contain the node itself or a duplicate, they
 * hold only nodes that were named to it, nothing throws, and garbage is rejected. Every assertion
 * names the seed and the step.
 */
class ScampFuzzTest {

    private static final int STEPS = 3_000;
    private static final int POOL = 24;

    /** A message of a random SCAMP type (or not) among a small pool of ids, self included. */
    private static MembershipMessage plausible(Fuzz fuzz, List<NodeId> pool) {
        SplittableRandom r = fuzz.random();
        int type = r.nextInt(10) == 0 ? r.nextInt(MembershipMessage.MAX_TYPE + 1) : r.nextInt(1, MAX_KNOWN + 1);
        NodeId subject = r.nextInt(4) == 0 ? null : pool.get(r.nextInt(pool.size()));
        List<NodeId> nodes = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            nodes.add(pool.get(r.nextInt(pool.size())));
        }
        return new MembershipMessage(
                type, pool.get(r.nextInt(pool.size())), subject, r.nextInt(MembershipMessage.MAX_COUNTER + 1), nodes);
    }

    /** Every public message type of {@link ScampMessageTypes}, read by reflection so new ones count. */
    private static final Set<Integer> KNOWN = knownTypes();

    private static Set<Integer> knownTypes() {
        Set<Integer> types = new HashSet<>();
        for (java.lang.reflect.Field f : ScampMessageTypes.class.getFields()) {
            if (f.getType() == int.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                try {
                    types.add(f.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return Set.copyOf(types);
    }

    private static final int MAX_KNOWN =
            KNOWN.stream().mapToInt(Integer::intValue).max().orElse(1);

    private static boolean knownType(int type) {
        return KNOWN.contains(type);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L})
    void randomSequencesKeepTheViewInvariants(long seed) {
        Fuzz fuzz = new Fuzz(seed);
        RecordingContext context = new RecordingContext("self", seed);
        NodeId self = context.self();
        List<NodeId> pool = new ArrayList<>(Nodes.named("p", POOL - 1));
        pool.add(self);
        MembershipConfig config = MembershipConfig.builder()
                .c(fuzz.random().nextInt(0, 4))
                .lease(fuzz.random().nextBoolean() ? Duration.ofSeconds(30) : Duration.ZERO)
                .build();
        ScampMembership node = new ScampMembership(config, context);
        Set<NodeId> named = new HashSet<>();
        for (int step = 0; step < STEPS; step++) {
            String what = "seed " + seed + " step " + step;
            int action = fuzz.random().nextInt(100);
            if (action < 70) {
                MembershipMessage m = plausible(fuzz, pool);
                named.add(m.sender());
                if (m.subject() != null) {
                    named.add(m.subject());
                }
                named.addAll(m.nodes());
                boolean accepted = node.onMessage(m);
                if (!knownType(m.type()) || m.sender().equals(self)) {
                    assertThat(accepted).as("%s: %s must be rejected", what, m).isFalse();
                }
            } else if (action < 85) {
                MembershipMessage garbage = fuzz.membershipMessage(8);
                boolean accepted = node.onMessage(garbage);
                named.add(garbage.sender());
                if (garbage.subject() != null) {
                    named.add(garbage.subject());
                }
                named.addAll(garbage.nodes());
                if (!knownType(garbage.type())) {
                    assertThat(accepted)
                            .as("%s: unknown type %s", what, garbage)
                            .isFalse();
                }
            } else if (action < 97) {
                context.now += fuzz.random().nextLong(1, 3_000_000_000L);
                node.onTick();
            } else if (action < 99) {
                NodeId contact = pool.get(fuzz.random().nextInt(POOL - 1));
                named.add(contact);
                node.join(contact);
            } else {
                node.leave();
            }
            checkViews(node, self, named, what);
        }
        assertThat(node.onMessage(null)).isFalse();
    }

    private static void checkViews(ScampMembership node, NodeId self, Set<NodeId> named, String what) {
        for (List<NodeId> view : List.of(node.partialView(), node.inView())) {
            assertThat(view).as("%s: self in a view", what).doesNotContain(self);
            assertThat(view).as("%s: duplicates", what).doesNotHaveDuplicates();
            assertThat(named)
                    .as("%s: a view holds a node never named to it", what)
                    .containsAll(view);
        }
        assertThat(node.estimatedSize()).as(what).isGreaterThanOrEqualTo(1.0).isFinite();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11L, 12L, 13L})
    void aClusterUnderInjectedNoiseKeepsTheInvariantsAndStaysBounded(long seed) {
        int n = 40;
        MembershipHarness harness = new MembershipHarness(
                new ScampMembershipProvider(), MembershipConfig.builder().c(1).build(), seed);
        harness.addNode();
        for (int i = 1; i < n; i++) {
            harness.addAndJoin();
        }
        Fuzz fuzz = new Fuzz(seed);
        List<NodeId> nodes = harness.nodes();
        for (int step = 0; step < 2_000; step++) {
            String what = "seed " + seed + " step " + step;
            int action = fuzz.random().nextInt(10);
            if (action < 6) {
                NodeId from = nodes.get(fuzz.random().nextInt(n));
                NodeId to = nodes.get(fuzz.random().nextInt(n));
                MembershipMessage m = plausible(fuzz, nodes);
                harness.inject(from, to, new MembershipMessage(m.type(), from, m.subject(), m.counter(), m.nodes()));
            } else if (action < 9) {
                for (int k = fuzz.random().nextInt(1, 50); k > 0 && harness.deliverOne(); k--) {
                    // deliver a few in FIFO order, interleaved with the noise
                }
            } else {
                harness.advance(Duration.ofMillis(fuzz.random().nextInt(1, 1500)));
                harness.tick();
            }
            if (step % 50 == 0) {
                assertThat(harness.checks().selfOrDuplicates()).as(what).isEmpty();
            }
        }
        harness.runUntilQuiet();
        assertThat(harness.checks().selfOrDuplicates()).as("seed %d", seed).isEmpty();
        for (NodeId node : nodes) {
            assertThat(harness.membership(node).partialView().size())
                    .as("seed %d, %s", seed, node)
                    .isLessThan(n);
            assertThat(harness.membership(node).inView().size())
                    .as("seed %d, %s", seed, node)
                    .isLessThan(n);
        }
    }
}
