package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.GossipConfig;
import dev.gossip.MessageId;
import dev.gossip.NodeSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the default anti-entropy costs, from the counters: 50 in-memory nodes with the {@code
 * local()} preset (digests every 500 ms), loss-free, after enough messages that every digest is
 * full (64 ids, 1,030 bytes). Each node sends one digest an interval and answers about one, so
 * anti-entropy costs about two frames per node per interval, and, with nothing missing, no
 * request and no repair. {@code -Dgossip.it.preset=lan|wan} measures another preset (lan's 1 s
 * and wan's 5 s intervals need a longer {@code -Dgossip.it.cost.seconds}, default 5).
 */
class AntiEntropyCostTest {

    static final int NODES = 50;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aboutTwoFramesPerNodePerIntervalAndNoRepairWhenNothingIsMissing() {
        long seed = Seeds.seed(4_040L);
        String preset = System.getProperty("gossip.it.preset", "local");
        GossipConfig config = switch (preset) {
            case "lan" -> GossipConfig.lan();
            case "wan" -> GossipConfig.wan();
            default -> GossipConfig.local();
        };
        Duration interval = config.antiEntropy().interval();
        assertThat(config.antiEntropy().enabled())
                .as("anti-entropy in %s()", preset)
                .isTrue();
        int seconds = Integer.getInteger("gossip.it.cost.seconds", 5);
        try (SimCluster cluster = SimCluster.start(NODES, config, seed)) {
            SplittableRandom random = new SplittableRandom(seed);
            List<MessageId> ids = new ArrayList<>();
            for (int i = 0; i < 2 * config.antiEntropy().maxDigestIds(); i++) {
                ids.add(cluster.broadcast(cluster.randomPresent(random), new byte[] {(byte) i}));
            }
            await().alias("warm-up delivered, seed " + seed)
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> ids.stream().allMatch(id -> cluster.reach(id) == NODES - 1));

            List<NodeSnapshot> before = snapshots(cluster);
            long start = System.nanoTime();
            await().pollDelay(Duration.ofSeconds(seconds))
                    .atMost(Duration.ofSeconds(seconds + 5))
                    .until(() -> true);
            List<NodeSnapshot> after = snapshots(cluster);
            double elapsed = (System.nanoTime() - start) / 1e9;

            double perNodeSecond = NODES * elapsed;
            long digests = delta(before, after, "antiEntropy.digestsSent");
            long received = delta(before, after, "antiEntropy.digestsReceived");
            long requests = delta(before, after, "antiEntropy.requestsSent");
            long repairs = delta(before, after, "antiEntropy.repairsSent");
            // each digest received is a digest (answered by a reply) or a reply
            long frames = digests + (received - digests) + requests + repairs;
            long datagrams = after.stream()
                            .mapToLong(NodeSnapshot::datagramsSent)
                            .sum()
                    - before.stream().mapToLong(NodeSnapshot::datagramsSent).sum();
            long heartbeats = delta(before, after, "heartbeatsSent");
            double perInterval = frames / perNodeSecond * interval.toNanos() / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "anti-entropy cost, %s() (every %d ms), %d idle nodes, %.1f s: %.2f frames"
                            + " per node per second (%.2f per interval: %d digests, %d replies, %d requests, %d repairs);"
                            + " all datagrams %.2f per node per second, heartbeats %.2f; seed %d%n",
                    preset,
                    interval.toMillis(),
                    NODES,
                    elapsed,
                    frames / perNodeSecond,
                    perInterval,
                    digests,
                    received - digests,
                    requests,
                    repairs,
                    datagrams / perNodeSecond,
                    heartbeats / perNodeSecond,
                    seed);
            assertThat(perInterval)
                    .as("anti-entropy frames per node per interval, seed %d", seed)
                    .isBetween(1.5, 2.5);
            assertThat(requests + repairs)
                    .as("requests and repairs with nothing missing, seed %d", seed)
                    .isZero();
        }
    }

    private static List<NodeSnapshot> snapshots(SimCluster cluster) {
        return cluster.present().stream().map(i -> cluster.node(i).snapshot()).toList();
    }

    private static long delta(List<NodeSnapshot> before, List<NodeSnapshot> after, String counter) {
        return after.stream()
                        .mapToLong(s -> s.membershipCounters().getOrDefault(counter, 0L))
                        .sum()
                - before.stream()
                        .mapToLong(s -> s.membershipCounters().getOrDefault(counter, 0L))
                        .sum();
    }
}
