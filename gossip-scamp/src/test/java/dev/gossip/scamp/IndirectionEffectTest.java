package dev.gossip.scamp;

import static dev.gossip.scamp.ScampMessageTypes.CONTACT;
import static dev.gossip.scamp.ScampMessageTypes.WALK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.testkit.MembershipHarness;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The effects of indirection in a running cluster (issue 11: the unit tests pin the messages the
 * walk sends, these the views it leaves behind):
 * <ul>
 * <li>the walk's end tells the subscriber it is its contact in place of the origin (the node the
 *     subscriber joined through), and the subscriber tells the origin: afterwards the subscriber
 *     holds the real contact and not the origin, and the origin no longer counts the subscriber as
 *     an in-link, even one it had picked up from a heartbeat while the walk was on its way;</li>
 * <li>a walk ends only after at least {@code indirectionWalk} steps, however small the origin's
 *     view.</li>
 * </ul>
 */
class IndirectionEffectTest {

    private static final Duration HEARTBEAT = Duration.ofSeconds(1);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 2L, 3L})
    void theOriginIsReplacedByTheWalksEndAndForgetsTheSubscriber(long seed) {
        MembershipConfig config = MembershipConfig.builder()
                .heartbeatInterval(HEARTBEAT)
                .isolationTimeout(HEARTBEAT.multipliedBy(30))
                .indirectionWalk(6)
                .build();
        MembershipHarness harness = new MembershipHarness(new ScampMembershipProvider(), config, seed);
        NodeId origin = harness.addNode();
        harness.join(harness.addNode(), origin);
        harness.runUntilQuiet();
        NodeId[] joining = new NodeId[1];
        int[] originHeldSubscriber = new int[1];
        harness.tap(envelope -> {
            // the walk's end names the origin to the subscriber: does the origin hold it yet?
            if (envelope.message().type() == CONTACT
                    && envelope.to().equals(joining[0])
                    && harness.membership(origin).inView().contains(joining[0])) {
                originHeldSubscriber[0]++;
            }
        });
        int walkedAway = 0;
        for (int i = 2; i < 60; i++) {
            Map<NodeId, Long> ended = walksEnded(harness);
            NodeId subscriber = harness.addNode();
            joining[0] = subscriber;
            harness.advance(HEARTBEAT);
            harness.join(subscriber, origin);
            // the subscriber's first heartbeat reaches the origin right after its subscription,
            // while the walk is still on its way: the origin takes it into its InView
            harness.tick();
            harness.runUntilQuiet();
            NodeId contact = ended.keySet().stream()
                    .filter(id -> walksEnded(harness).get(id) > ended.get(id))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("seed " + seed + ": no walk ended for " + subscriber));
            if (contact.equals(origin)) {
                continue;
            }
            walkedAway++;
            String join = "seed " + seed + ", join " + i + " of " + subscriber + " through " + origin
                    + ", walk ended at " + contact;
            assertThat(harness.membership(subscriber).partialView())
                    .as("%s: PV of the subscriber", join)
                    .contains(contact)
                    .doesNotContain(origin);
            assertThat(harness.membership(contact).inView())
                    .as("%s: InView of the contact", join)
                    .contains(subscriber);
            assertThat(harness.membership(origin).inView())
                    .as("%s: InView of the origin", join)
                    .doesNotContain(subscriber);
            assertThat(harness.checks().asymmetries()).as(join).isEmpty();
        }
        assertThat(walkedAway)
                .as("seed %d: walks that ended away from the origin", seed)
                .isGreaterThan(40);
        assertThat(originHeldSubscriber[0])
                .as("seed %d: joins in which the origin held the subscriber when the walk ended", seed)
                .isGreaterThan(walkedAway / 2);
        assertThat(harness.checks().all()).as("seed %d", seed).isEmpty();
        assertThat(harness.checks().unreachable(harness.members()))
                .as("seed %d", seed)
                .isEmpty();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 2L, 3L, 4L})
    void noWalkEndsBeforeItsMinimumLength(long seed) {
        int minimum = 12;
        MembershipConfig config =
                MembershipConfig.builder().indirectionWalk(minimum).build();
        MembershipHarness harness = new MembershipHarness(new ScampMembershipProvider(), config, seed);
        Map<NodeId, Integer> steps = new HashMap<>();
        harness.tap(envelope -> {
            if (envelope.message().type() == WALK) {
                steps.merge(envelope.message().subject(), 1, Integer::sum);
            }
        });
        NodeId first = harness.addNode();
        harness.join(harness.addNode(), first);
        harness.runUntilQuiet();
        int shortViews = 0;
        for (int i = 2; i < 60; i++) {
            List<NodeId> members = harness.members();
            NodeId origin = members.get(harness.random().nextInt(members.size()));
            int originView = harness.membership(origin).partialView().size();
            if (originView < minimum) {
                shortViews++;
            }
            long ended = harness.counterSum("walksEnded");
            NodeId subscriber = harness.addNode();
            harness.join(subscriber, origin);
            harness.runUntilQuiet();
            String join = "seed " + seed + ", join " + i + " of " + subscriber + " through " + origin + " (|PV| "
                    + originView + ")";
            assertThat(harness.counterSum("walksEnded") - ended)
                    .as("%s: walks ended", join)
                    .isEqualTo(1);
            // the subscriber is in no view on the way, so every step is a proposal to another node
            assertThat(steps.getOrDefault(subscriber, 0))
                    .as("%s: steps of the walk before it ended", join)
                    .isGreaterThanOrEqualTo(minimum)
                    .isEqualTo(Math.max(minimum, originView));
            assertThat(harness.membership(subscriber).partialView())
                    .as("%s: the subscriber has a contact", join)
                    .hasSize(1);
        }
        assertThat(shortViews)
                .as("seed %d: joins through a node whose view is shorter than the minimum", seed)
                .isGreaterThan(40);
        assertThat(harness.checks().all()).as("seed %d", seed).isEmpty();
    }

    private static Map<NodeId, Long> walksEnded(MembershipHarness harness) {
        Map<NodeId, Long> ended = new HashMap<>();
        for (NodeId id : harness.nodes()) {
            ended.put(id, harness.membership(id).counters().get("walksEnded"));
        }
        return ended;
    }
}
