package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.GossipConfig;
import dev.gossip.NodeId;
import dev.gossip.NodeSnapshot;
import org.junit.jupiter.api.Test;

/**
 * A node that leaves gracefully is held in no view afterwards (SCAMP's unsubscription tells both
 * ends of every link), and the nodes that stay still deliver every broadcast.
 */
class LeaveTest {

    @Test
    void aNodeThatLeftASixNodeClusterIsInNoViewAndTheRestStillDelivers() {
        leaveAndCheck(6);
    }

    /** Two nodes: the survivor must not resubscribe through the leaver and so re-add it. */
    @Test
    void theSeedKeepsNoLinkToTheOnlyOtherNodeOnceItLeft() {
        leaveAndCheck(2);
    }

    private static void leaveAndCheck(int size) {
        long seed = Seeds.seed(77L + size);
        GossipConfig config =
                GossipConfig.local().toBuilder().transportProvider("udp").build();
        try (TestCluster cluster = TestCluster.start(size, config, seed)) {
            cluster.awaitNonEmptyViews();
            int leaver = size - 1;
            NodeId left = cluster.node(leaver).id();
            cluster.leave(leaver);

            await().alias("no view holds the node that left, seed " + seed)
                    .atMost(TestCluster.JOIN_TIMEOUT)
                    .untilAsserted(() -> {
                        for (int i = 0; i < leaver; i++) {
                            NodeSnapshot s = cluster.node(i).snapshot();
                            assertThat(s.partialView())
                                    .as("partial view of node %d, seed %d: %s", i, seed, s)
                                    .doesNotContain(left);
                            assertThat(s.inView())
                                    .as("in-view of node %d, seed %d: %s", i, seed, s)
                                    .doesNotContain(left);
                        }
                    });
            if (size > 2) {
                cluster.awaitNonEmptyViews();
                cluster.broadcastAndCheck(0, "after a leave, from node 0");
                cluster.broadcastAndCheck(1, "after a leave, from node 1");
            }
        }
    }
}
