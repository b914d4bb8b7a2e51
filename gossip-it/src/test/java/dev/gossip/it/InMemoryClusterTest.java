package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.GossipConfig;
import dev.gossip.NodeSnapshot;
import dev.gossip.OpaqueAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A 200-node cluster in one JVM over the in-memory transport. */
class InMemoryClusterTest {

    @Test
    void twoHundredNodesDeliverEveryBroadcastExactlyOnce() {
        long seed = Seeds.seed(200L);
        GossipConfig config =
                GossipConfig.local().toBuilder().transportProvider("inmem").build();
        try (TestCluster cluster = TestCluster.start(200, config, seed)) {
            cluster.awaitNonEmptyViews();
            for (NodeSnapshot snapshot : cluster.snapshots()) {
                assertThat(snapshot.id().address()).as("seed %d", seed).isInstanceOf(OpaqueAddress.class);
                assertThat(snapshot.partialView())
                        .as("partial view of %s, seed %d", snapshot.id(), seed)
                        .isNotEmpty()
                        .doesNotContain(snapshot.id())
                        .doesNotHaveDuplicates();
            }
            SplittableRandom random = new SplittableRandom(seed);
            int[] origins = {0, 199, random.nextInt(200), random.nextInt(200)};
            for (int i = 0; i < origins.length; i++) {
                cluster.broadcastAndCheck(origins[i], "inmem message " + i);
            }
        }
    }
}
