package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.AntiEntropyConfig;
import dev.gossip.GossipConfig;
import dev.gossip.MembershipConfig;
import dev.gossip.MessageId;
import dev.gossip.transport.inmem.FaultPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Anti-entropy on running nodes, in the ordinary build: 30 in-memory nodes with c = 0 (views of
 * about ln n, so plain gossip misses nodes) and 40% loss on every link; with anti-entropy every
 * node ends up with every message, and nobody delivers one twice.
 */
class AntiEntropyClusterTest {

    @Test
    void underHeavyLossAntiEntropyBringsEveryMessageToEveryNode() {
        long seed = Seeds.seed(30L);
        int nodes = 30;
        GossipConfig config = GossipConfig.builder()
                .membership(MembershipConfig.builder()
                        .c(0)
                        .heartbeatInterval(Duration.ofMillis(200))
                        .isolationTimeout(Duration.ofSeconds(1))
                        .build())
                .tickInterval(Duration.ofMillis(20))
                .antiEntropy(AntiEntropyConfig.every(Duration.ofMillis(100)))
                .build();
        try (SimCluster cluster = SimCluster.start(nodes, config, seed)) {
            cluster.network().setFaultPlan(FaultPlan.builder(seed).loss(0.4).build());
            SplittableRandom random = new SplittableRandom(seed);
            List<MessageId> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(cluster.broadcast(random.nextInt(nodes), new byte[] {(byte) i}));
            }
            await().alias("every message at every node, seed " + seed)
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> ids.stream().allMatch(id -> cluster.reach(id) == nodes - 1));
            long repairs = cluster.present().stream()
                    .mapToLong(i ->
                            cluster.node(i).snapshot().membershipCounters().getOrDefault("antiEntropy.repairsSent", 0L))
                    .sum();
            assertThat(repairs).as("repairs sent, seed %d", seed).isPositive();
            assertThat(cluster.deliveries())
                    .as("no message delivered twice, seed %d", seed)
                    .isEqualTo(cluster.firstDeliveries());
        }
    }
}
