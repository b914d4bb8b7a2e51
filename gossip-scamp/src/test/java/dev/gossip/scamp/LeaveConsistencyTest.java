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

    /**
     * The effect of each leave on the number of links, paper §2.2.2: the leaver's {@code |PV|}
     * out-links go, its first {@code |InView| - c - 1} in-links are replaced (each holder takes
     * one of the leaver's PV members instead) and the last {@code c + 1} removed. A replacement
     * the holder already has, or that is the holder itself, becomes a removal, so a leave removes
     * between {@code |PV| + min(c+1, |InView|)} and {@code |PV| + |InView|} links, and on average
     * close to the first.
     */
    @Test
    void eachLeaveRemovesItsOutLinksAndCPlusOneInLinks() {
        int c = MembershipConfig.defaults().c();
        long expectedTotal = 0;
        long removedTotal = 0;
        for (long seed = 1; seed <= 3; seed++) {
            MembershipHarness harness = cluster(seed, 80);
            for (int i = 0; i < 30; i++) {
                NodeId leaver = randomMember(harness);
                int out = harness.membership(leaver).partialView().size();
                int in = harness.membership(leaver).inView().size();
                long before = links(harness);
                harness.leave(leaver);
                harness.runUntilQuiet();
                long removed = before - links(harness);
                assertThat(removed)
                        .as("seed %d, leave %d: |PV| %d, |InView| %d", seed, i, out, in)
                        .isBetween((long) out + Math.min(c + 1, in), (long) out + in);
                expectedTotal += out + Math.min(c + 1, in);
                removedTotal += removed;
            }
            // Mean partial view still near (c+1) ln n after 30 of 80 nodes left.
            double mean = (double) links(harness) / harness.members().size();
            assertThat(mean)
                    .as("seed %d: mean PV after the leaves", seed)
                    .isBetween(0.5 * (c + 1) * Math.log(50), 1.5 * (c + 1) * Math.log(80));
        }
        assertThat((double) removedTotal)
                .as("links removed by 90 leaves against |PV| + c + 1 each")
                .isBetween(expectedTotal * 1.0, expectedTotal * 1.2);
    }

    private static long links(MembershipHarness harness) {
        return harness.members().stream()
                .mapToLong(id -> harness.membership(id).partialView().size())
                .sum();
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
