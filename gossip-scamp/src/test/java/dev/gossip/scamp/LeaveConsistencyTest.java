package dev.gossip.scamp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.testkit.MembershipHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both ends of every link stay consistent through many departures, one at a time or together. */
class LeaveConsistencyTest {

    @Test
    void bothEndsAgreeAfterEachOfManyLeaves() {
        for (long seed = 1; seed <= 3; seed++) {
            MembershipHarness harness = cluster(seed, 80);
            for (int i = 0; i < 40; i++) {
                NodeId leaver = randomMember(harness);
                harness.leave(leaver);
                harness.runUntilQuiet();
                assertThat(harness.checks().holdersOf(leaver))
                        .as("seed %d, leave %d", seed, i)
                        .isEmpty();
                assertThat(harness.checks().all())
                        .as("seed %d, leave %d", seed, i)
                        .isEmpty();
                if (i % 10 == 9) {
                    harness.runFor(Duration.ofSeconds(6), Duration.ofMillis(500));
                }
            }
            for (NodeId id : harness.members()) {
                assertThat(harness.membership(id).partialView())
                        .as("seed %d: PV of %s", seed, id)
                        .isNotEmpty();
                assertThat(harness.membership(id).isJoined())
                        .as("seed %d: %s joined", seed, id)
                        .isTrue();
            }
            assertThat(harness.checks().unreachable(harness.members()))
                    .as("seed %d", seed)
                    .isEmpty();
        }
    }

    @Test
    void simultaneousLeavesWithMessagesCrossingStayConsistent() {
        for (long seed = 1; seed <= 3; seed++) {
            MembershipHarness harness = cluster(seed, 60);
            List<NodeId> leavers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                NodeId leaver = randomMember(harness);
                harness.leave(leaver);
                leavers.add(leaver);
            }
            harness.runUntilQuiet();
            for (NodeId leaver : leavers) {
                assertThat(harness.checks().holdersOf(leaver))
                        .as("seed %d", seed)
                        .isEmpty();
            }
            assertThat(harness.checks().all()).as("seed %d", seed).isEmpty();
            harness.runFor(Duration.ofSeconds(20), Duration.ofMillis(500));
            assertThat(harness.checks().all()).as("seed %d, after timers", seed).isEmpty();
            assertThat(harness.checks().unreachable(harness.members()))
                    .as("seed %d", seed)
                    .isEmpty();
        }
    }

    @Test
    void aNodeThatLeftCanJoinAgain() {
        MembershipHarness harness = cluster(9, 20);
        NodeId node = harness.members().get(4);
        harness.leave(node);
        harness.runUntilQuiet();
        harness.join(node, harness.members().get(0));
        harness.runUntilQuiet();
        assertThat(harness.membership(node).isJoined()).isTrue();
        assertThat(harness.checks().all()).isEmpty();
    }

    private static MembershipHarness cluster(long seed, int n) {
        MembershipHarness harness =
                new MembershipHarness(new ScampMembershipProvider(), MembershipConfig.defaults(), seed);
        for (int i = 0; i < n; i++) {
            harness.addAndJoin();
        }
        return harness;
    }

    private static NodeId randomMember(MembershipHarness harness) {
        List<NodeId> members = harness.members();
        return members.get(harness.random().nextInt(members.size()));
    }
}
