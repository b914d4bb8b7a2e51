package dev.gossip.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.OpaqueAddress;
import dev.gossip.spi.Membership;
import dev.gossip.spi.MembershipMessage;
import dev.gossip.spi.MembershipProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MembershipProvider} must do, checked on a {@link MembershipHarness} with
 * lossless FIFO delivery. An implementation's test extends this class and supplies the provider
 * and the message types it understands:
 *
 * <pre>{@code
 * class ScampMembershipContractTest extends MembershipContract {
 *     protected MembershipProvider provider() { return new ScampMembershipProvider(); }
 *     protected Set<Integer> messageTypes() { return Set.of(1, 2, 3); }
 * }
 * }</pre>
 *
 * <p>The contract: after {@value #NODES} nodes join one by one through random earlier nodes and
 * the network is quiet, every node has a non-empty partial view and is joined; no view holds its
 * node or a duplicate; {@code j ∈ InView(i) ⇔ i ∈ PV(j)} for all {@code i, j}; every view change
 * was reported; and flooding over partial views from any node reaches all others. A node that
 * leaves is held by no view afterwards and the others stay connected. Heartbeats and timers keep a
 * quiet cluster as it is. A message claiming to come from the node itself, or of a type the
 * implementation does not use, is rejected; no message and no tick throws.
 *
 * <p>Runs are seeded; every assertion names its seed.
 */
public abstract class MembershipContract {

    /** Size of the clusters the contract builds. */
    protected static final int NODES = 50;

    /** @return the provider under test */
    protected abstract MembershipProvider provider();

    /** @return every message type the implementation handles; all others in 0..255 must be rejected */
    protected abstract Set<Integer> messageTypes();

    /** @return the settings of every node; the defaults unless overridden */
    protected MembershipConfig config() {
        return MembershipConfig.defaults();
    }

    /** @return the seeds each scenario runs with */
    protected long[] seeds() {
        return new long[] {7, 42, 20_261_125};
    }

    /**
     * Builds a cluster: {@code n} nodes join one by one through uniformly random earlier ones, the
     * network running until quiet after each join.
     *
     * @param seed the harness seed
     * @param n the number of nodes
     * @return the quiet harness
     */
    protected MembershipHarness cluster(long seed, int n) {
        MembershipHarness harness = new MembershipHarness(provider(), config(), seed);
        for (int i = 0; i < n; i++) {
            harness.addAndJoin();
        }
        return harness;
    }

    @Test
    void providerHasANameAndCreatesIndependentNodes() {
        MembershipHarness harness = new MembershipHarness(provider(), config(), 1);
        NodeId a = harness.addNode();
        NodeId b = harness.addNode();
        assertThat(provider().name()).isNotBlank().isEqualTo(provider().name());
        assertThat(harness.membership(a)).isNotSameAs(harness.membership(b));
        assertThat(harness.membership(a).partialView()).isEmpty();
        assertThat(harness.membership(a).inView()).isEmpty();
        assertThat(harness.membership(a).isJoined()).isFalse();
    }

    @Test
    void nodesJoiningOneByOneFormConsistentConnectedViews() {
        for (long seed : seeds()) {
            MembershipHarness harness = cluster(seed, NODES);
            assertHealthy(harness, "after " + NODES + " joins");
        }
    }

    @Test
    void leaversAreForgottenAndTheRestStaysConnected() {
        for (long seed : seeds()) {
            MembershipHarness harness = cluster(seed, NODES);
            for (int i = 0; i < 5; i++) {
                List<NodeId> members = harness.members();
                NodeId leaver = members.get(harness.random().nextInt(members.size()));
                harness.leave(leaver);
                harness.runUntilQuiet();
                Membership left = harness.membership(leaver);
                assertThat(left.partialView())
                        .as("seed %d: PV of %s after leaving", seed, leaver)
                        .isEmpty();
                assertThat(left.inView())
                        .as("seed %d: InView of %s after leaving", seed, leaver)
                        .isEmpty();
                assertThat(harness.checks().holdersOf(leaver))
                        .as("seed %d: views holding %s", seed, leaver)
                        .isEmpty();
                assertHealthy(harness, "after " + leaver + " left");
            }
        }
    }

    @Test
    void timersKeepAQuietClusterAsItIs() {
        for (long seed : seeds()) {
            MembershipHarness harness = cluster(seed, NODES);
            Duration step = config().heartbeatInterval().dividedBy(2);
            harness.runFor(config().isolationTimeout().multipliedBy(5), step);
            assertHealthy(harness, "after heartbeats");
        }
    }

    @Test
    void ticksWithoutMessagesDoNotThrow() {
        MembershipHarness harness = new MembershipHarness(provider(), config(), 3);
        NodeId lone = harness.addNode();
        NodeId joiner = harness.addNode();
        NodeId gone = harness.addNode();
        harness.crash(gone);
        harness.join(joiner, gone);
        Duration step = config().heartbeatInterval().dividedBy(3);
        assertThatCode(() -> {
                    for (int i = 0; i < 300; i++) {
                        harness.advance(step);
                        harness.membership(lone).onTick();
                        harness.membership(joiner).onTick();
                    }
                    harness.runUntilQuiet();
                })
                .doesNotThrowAnyException();
        assertThat(harness.membership(lone).partialView()).isEmpty();
    }

    @Test
    void garbageIsRejectedAndNothingThrows() {
        long seed = seeds()[0];
        MembershipHarness harness = cluster(seed, 10);
        NodeId target = harness.members().get(3);
        NodeId member = harness.members().get(5);
        NodeId stranger = new NodeId(OpaqueAddress.of("mem", "stranger"));
        Membership node = harness.membership(target);
        List<NodeId> others = Arrays.asList(null, target, member, stranger);
        List<List<NodeId>> lists = List.of(
                List.of(), List.of(target), List.of(member), List.of(stranger), List.of(stranger, member, target));
        int[] counters = {0, 1, 7, MembershipMessage.MAX_COUNTER};
        List<String> accepted = new ArrayList<>();
        for (int type = 0; type <= MembershipMessage.MAX_TYPE; type++) {
            for (NodeId sender : List.of(target, member, stranger)) {
                for (NodeId subject : others) {
                    for (int counter : counters) {
                        for (List<NodeId> nodes : lists) {
                            MembershipMessage message = new MembershipMessage(type, sender, subject, counter, nodes);
                            boolean handled = node.onMessage(message);
                            if (handled
                                    && (sender.equals(target) || !messageTypes().contains(type))) {
                                accepted.add(message.toString());
                            }
                        }
                    }
                }
            }
        }
        assertThat(accepted)
                .as("seed %d: messages from the node itself or of unused types", seed)
                .isEmpty();
        assertThatCode(() -> {
                    harness.runUntilQuiet();
                    harness.runFor(config().isolationTimeout().multipliedBy(3), config().heartbeatInterval());
                })
                .doesNotThrowAnyException();
        assertThat(harness.checks().selfOrDuplicates()).as("seed %d", seed).isEmpty();
        assertThat(harness.checks().eventMismatches()).as("seed %d", seed).isEmpty();
    }

    /**
     * Asserts the contract's invariants on the members of a quiet harness.
     *
     * @param harness the harness
     * @param when words for the assertion messages
     */
    protected static void assertHealthy(MembershipHarness harness, String when) {
        long seed = harness.seed();
        ViewChecks checks = harness.checks();
        for (NodeId id : harness.members()) {
            Membership m = harness.membership(id);
            assertThat(m.partialView())
                    .as("seed %d, %s: PV of %s", seed, when, id)
                    .isNotEmpty();
            assertThat(m.isJoined())
                    .as("seed %d, %s: %s joined (InView %s)", seed, when, id, m.inView())
                    .isTrue();
        }
        assertThat(checks.all()).as("seed %d, %s: view problems", seed, when).isEmpty();
        assertThat(checks.unreachable(harness.members()))
                .as("seed %d, %s: flooding over PVs", seed, when)
                .isEmpty();
    }
}
