package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.Address;
import dev.gossip.AntiEntropyConfig;
import dev.gossip.MessageId;
import dev.gossip.transport.inmem.FaultPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 4: 1,000 in-memory nodes split into two halves for six heartbeat periods, then healed.
 * Afterwards broadcasts reach every node again; with anti-entropy, the messages sent on either
 * side during the partition reach the other side too. Heavy.
 */
@Tag("heavy")
class PartitionHealTest {

    static final int NODES = 1_000;
    static final Duration HEARTBEAT = Duration.ofMillis(500);
    static final int DURING = 10;

    private static void pause(Duration d) {
        await().pollDelay(d).atMost(d.plusSeconds(5)).until(() -> true);
    }

    /** Splits, broadcasts {@code DURING} messages on each side, heals; @return the ids. */
    private static List<MessageId> partitionAndHeal(SimCluster cluster, long seed) {
        List<Address> sideA = new ArrayList<>();
        for (int i = 0; i < NODES / 2; i++) {
            sideA.add(cluster.address(i));
        }
        cluster.network().setFaultPlan(FaultPlan.builder(seed).partition(sideA).build());
        pause(HEARTBEAT.multipliedBy(2));
        SplittableRandom random = new SplittableRandom(seed);
        List<MessageId> during = new ArrayList<>();
        for (int i = 0; i < DURING; i++) {
            during.add(cluster.broadcast(random.nextInt(NODES / 2), new byte[] {1, (byte) i}));
            during.add(cluster.broadcast(NODES / 2 + random.nextInt(NODES / 2), new byte[] {2, (byte) i}));
        }
        pause(HEARTBEAT.multipliedBy(4));
        for (MessageId id : during) {
            assertThat(cluster.reach(id))
                    .as("reach of %s during the partition, seed %d", id, seed)
                    .isLessThan(NODES / 2);
        }
        cluster.network().setFaultPlan(FaultPlan.NONE);
        System.out.printf(
                "partition of 6 heartbeats: messages sent during it reached %d..%d nodes (one side"
                        + " is %d), seed %d%n",
                during.stream().mapToInt(cluster::reach).min().orElse(0),
                during.stream().mapToInt(cluster::reach).max().orElse(0),
                NODES / 2 - 1,
                seed);
        return during;
    }

    private static void broadcastsReachEveryNodeAfterHealing(SimCluster cluster, long seed) {
        pause(HEARTBEAT.multipliedBy(2));
        SplittableRandom random = new SplittableRandom(seed + 1);
        for (int i = 0; i < 10; i++) {
            MessageId id = cluster.broadcast(random.nextInt(NODES), new byte[] {3, (byte) i});
            await().alias("message " + i + " after healing reaches every node, seed " + seed)
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> cluster.reach(id) == NODES - 1);
        }
    }

    @Test
    void afterHealingBroadcastsReachEveryNode() {
        long seed = Seeds.seed(2_000L);
        try (SimCluster cluster = SimCluster.start(NODES, LossyReachTest.config(AntiEntropyConfig.off()), seed)) {
            partitionAndHeal(cluster, seed);
            broadcastsReachEveryNodeAfterHealing(cluster, seed);
            System.out.println("without anti-entropy: 10 broadcasts after healing reached all " + (NODES - 1)
                    + " other nodes, " + LossyReachTest.viewStats(cluster) + ", seed " + seed);
        }
    }

    @Test
    void withAntiEntropyMessagesSentDuringThePartitionReachTheOtherSide() {
        long seed = Seeds.seed(2_001L);
        try (SimCluster cluster =
                SimCluster.start(NODES, LossyReachTest.config(AntiEntropyConfig.every(HEARTBEAT)), seed)) {
            List<MessageId> during = partitionAndHeal(cluster, seed);
            long healed = System.nanoTime();
            await().alias("messages sent during the partition reach every node, seed " + seed)
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> during.stream().allMatch(id -> cluster.reach(id) == NODES - 1));
            System.out.printf(
                    "with anti-entropy (every %d ms): the %d messages sent during the partition reached"
                            + " all %d other nodes %.2f s after healing, seed %d%n",
                    HEARTBEAT.toMillis(), during.size(), NODES - 1, (System.nanoTime() - healed) / 1e9, seed);
            broadcastsReachEveryNodeAfterHealing(cluster, seed);
            assertThat(cluster.deliveries())
                    .as("no message delivered twice, seed %d", seed)
                    .isEqualTo(cluster.firstDeliveries());
        }
    }
}
