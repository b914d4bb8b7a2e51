package dev.gossip.scamp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.testkit.MembershipHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SCAMP's join invariant, exactly: in a lossless run without failures, each join through a contact
 * with a non-empty partial view adds {@code |PV(contact)| + c + 1} partial-view entries in total,
 * less the copies dropped by the loop guard during that join.
 */
class JoinInvariantTest {

    @Test
    void eachJoinAddsContactViewPlusCPlusOneLinksLessDrops() {
        for (int c = 0; c <= 3; c++) {
            for (long seed = 1; seed <= 3; seed++) {
                checkJoins(c, seed, 120);
            }
        }
    }

    private static void checkJoins(int c, long seed, int nodes) {
        MembershipHarness harness = new MembershipHarness(
                new ScampMembershipProvider(),
                MembershipConfig.builder().indirectionWalk(0).c(c).build(),
                seed);
        harness.addNode();
        int checked = 0;
        for (int i = 1; i < nodes; i++) {
            List<NodeId> members = harness.members();
            NodeId contact = members.get(harness.random().nextInt(members.size()));
            int contactView = harness.membership(contact).partialView().size();
            long totalBefore = harness.totalPartialViewSize();
            long droppedBefore = harness.counterSum("forwardedDropped");
            NodeId joiner = harness.addNode();
            harness.join(joiner, contact);
            harness.runUntilQuiet();
            long added = harness.totalPartialViewSize() - totalBefore;
            long dropped = harness.counterSum("forwardedDropped") - droppedBefore;
            if (contactView > 0) {
                checked++;
                assertThat(added)
                        .as(
                                "seed %d, c=%d, join %d through %s (|PV|=%d, dropped %d)",
                                seed, c, i, contact, contactView, dropped)
                        .isEqualTo(contactView + c + 1 - dropped);
            } else {
                assertThat(added)
                        .as("seed %d, c=%d: first join keeps the joiner at the contact", seed, c)
                        .isEqualTo(2);
            }
        }
        assertThat(checked).isEqualTo(nodes - 2);
        assertThat(harness.counterSum("resubscriptions")).isZero();
    }
}
