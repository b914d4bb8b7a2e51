package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.AntiEntropyConfig;
import dev.gossip.DisseminationConfig;
import dev.gossip.GossipConfig;
import dev.gossip.MembershipConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's soak, simulated: 200 in-memory nodes with anti-entropy on, one node stopped abruptly
 * and a new one joined every second, a broadcast from a random node every 50 ms plus the time a
 * join takes (about 6 a second), for {@code gossip.it.soak.seconds} (default 150). The dedup history (512 ids) and the payload
 * history (128 payloads, for anti-entropy and the tree) fill within the first minute, so every per-node structure is at its bound
 * before the measured window: heap used after a full GC, sampled every 10 s, must be flat over the
 * last two thirds of the run. Heavy.
 */
@Tag("heavy")
class SoakTest {

    static final int NODES = 200;

    @Test
    void heapAfterGcStaysFlatUnderChurnAndContinuousBroadcasts() {
        long seed = Seeds.seed(3_000L);
        int seconds = Integer.getInteger("gossip.it.soak.seconds", 150);
        GossipConfig config = GossipConfig.builder()
                .membership(MembershipConfig.builder()
                        .c(1)
                        .heartbeatInterval(Duration.ofMillis(500))
                        .isolationTimeout(Duration.ofMillis(2_500))
                        .build())
                .tickInterval(Duration.ofMillis(50))
                .dedupCapacity(512)
                .antiEntropy(new AntiEntropyConfig(Duration.ofSeconds(1), 32, 128))
                // the tree keeps payloads in the same history, 1,024 by default: at about 10
                // broadcasts a second that fills only after 100 s, inside the measured window
                .dissemination(DisseminationConfig.tree().withHistoryCapacity(128))
                .build();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Long> samples = new ArrayList<>();
        AtomicLong broadcasts = new AtomicLong();
        long churned = 0;
        try (SimCluster cluster = SimCluster.start(NODES, config, seed, false)) {
            SplittableRandom random = new SplittableRandom(seed);
            byte[] payload = new byte[200];
            long start = System.nanoTime();
            long nextChurn = start;
            long nextSample = start;
            while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                random.nextBytes(payload);
                cluster.broadcast(cluster.randomPresent(random), payload);
                broadcasts.incrementAndGet();
                long now = System.nanoTime();
                if (now >= nextChurn) {
                    cluster.stop(cluster.randomPresent(random));
                    cluster.addNode();
                    churned++;
                    nextChurn += 1_000_000_000L;
                }
                if (now >= nextSample) {
                    System.gc();
                    samples.add(memory.getHeapMemoryUsage().getUsed());
                    nextSample += 10_000_000_000L;
                }
                await().pollDelay(Duration.ofMillis(50)).until(() -> true);
            }
            cluster.awaitQuiet(Duration.ofMillis(500), Duration.ofMinutes(1));
            double perBroadcast = (double) cluster.deliveries() / broadcasts.get();
            List<String> mib = samples.stream()
                    .map(b -> String.format("%.1f", b / 1048576.0))
                    .toList();
            System.out.printf(
                    "soak %d s: %d nodes, %d churned (one stop + one join a second), %d broadcasts,"
                            + " %.1f deliveries per broadcast (of %d receivers); heap after GC every 10 s (MiB): %s;"
                            + " seed %d%n",
                    seconds, NODES, churned, broadcasts.get(), perBroadcast, NODES - 1, mib, seed);
            int third = samples.size() / 3;
            double early = samples.subList(third, 2 * third).stream()
                    .mapToLong(Long::longValue)
                    .average()
                    .orElse(0);
            double late = samples.subList(2 * third, samples.size()).stream()
                    .mapToLong(Long::longValue)
                    .average()
                    .orElse(0);
            System.out.printf(
                    "soak: mean heap after GC %.1f MiB in the middle third, %.1f MiB in the last third%n",
                    early / 1048576.0, late / 1048576.0);
            assertThat(late)
                    .as("heap after GC, last third vs middle third (MiB %s), seed %d", mib, seed)
                    .isLessThanOrEqualTo(early * 1.15 + 8 * 1048576.0);
            assertThat(perBroadcast)
                    .as("deliveries per broadcast, seed %d", seed)
                    .isGreaterThan(0.95 * (NODES - 1));
        }
    }
}
