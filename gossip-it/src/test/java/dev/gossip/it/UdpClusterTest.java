package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.GossipConfig;
import dev.gossip.IpAddress;
import dev.gossip.NodeSnapshot;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Clusters over real UDP sockets on 127.0.0.1 (ports chosen by the OS), joined through one seed. */
class UdpClusterTest {

    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {3, 20})
    void everyBroadcastReachesEveryOtherNodeExactlyOnce(int size) {
        long seed = Seeds.seed(20_261_125L + size);
        GossipConfig config =
                GossipConfig.local().toBuilder().transportProvider("udp").build();
        try (TestCluster cluster = TestCluster.start(size, config, seed)) {
            cluster.awaitNonEmptyViews();
            for (NodeSnapshot snapshot : cluster.snapshots()) {
                assertThat(snapshot.id().address()).as("seed %d", seed).isInstanceOf(IpAddress.class);
                assertThat(snapshot.partialView())
                        .as("partial view of %s, seed %d", snapshot.id(), seed)
                        .isNotEmpty()
                        .doesNotContain(snapshot.id())
                        .doesNotHaveDuplicates();
            }
            SplittableRandom random = new SplittableRandom(seed);
            int[] origins = {0, size - 1, size / 2, random.nextInt(size), random.nextInt(size)};
            for (int i = 0; i < origins.length; i++) {
                cluster.broadcastAndCheck(origins[i], "udp message " + i + " from node " + origins[i]);
            }
        }
    }
}
