package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.GossipConfig;
import dev.gossip.NodeSnapshot;
import dev.gossip.OpaqueAddress;
import dev.gossip.spi.TransportProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * A transport that is not one of ours, registered through this module's
 * {@code META-INF/services}, is found by name while udp and inmem are on the class path too.
 */
class CustomTransportTest {

    @Test
    void aCustomTransportChosenByNameCarriesAThreeNodeCluster() {
        assertThat(ServiceLoader.load(TransportProvider.class).stream()
                        .map(p -> p.get().name()))
                .contains("udp", "inmem", LoopbackTransportProvider.NAME);
        long seed = Seeds.seed(3L);
        GossipConfig config = GossipConfig.local().toBuilder()
                .transportProvider(LoopbackTransportProvider.NAME)
                .build();
        try (TestCluster cluster = TestCluster.start(3, config, seed)) {
            cluster.awaitNonEmptyViews();
            for (NodeSnapshot snapshot : cluster.snapshots()) {
                assertThat(snapshot.id().address())
                        .as("node id of a loopback node, seed %d", seed)
                        .isInstanceOfSatisfying(
                                OpaqueAddress.class, a -> assertThat(a.scheme()).isEqualTo(LoopbackTransport.SCHEME));
            }
            for (int origin = 0; origin < 3; origin++) {
                cluster.broadcastAndCheck(origin, "over loopback from " + origin);
            }
        }
    }
}
