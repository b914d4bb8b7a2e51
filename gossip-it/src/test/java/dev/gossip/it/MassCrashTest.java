package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.AntiEntropyConfig;
import dev.gossip.GossipConfig;
import dev.gossip.MembershipConfig;
import dev.gossip.MessageId;
import dev.gossip.NodeId;
import dev.gossip.NodeSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 4: half of 1,000 in-memory nodes crash at once. Within 10 heartbeat periods every survivor
 * again has a non-empty partial view of live nodes, and new broadcasts reach at least 99% of the
 * survivors. Without leases (the default) nothing removes a crashed node from a partial view, so the
 * survivors keep listing crashed nodes; the test checks that each also has a live one, which
 * gossip needs, and prints how many still list a crashed node. Heavy.
 */
@Tag("heavy")
class MassCrashTest {

    static final int NODES = 1_000;
    static final Duration HEARTBEAT = Duration.ofMillis(500);

    @Test
    void survivorsRebuildLiveViewsWithinTenHeartbeatsAndKeepDelivering() {
        long seed = Seeds.seed(500L);
        GossipConfig config = GossipConfig.builder()
                .membership(MembershipConfig.builder()
                        .c(LossyReachTest.C)
                        .heartbeatInterval(HEARTBEAT)
                        .isolationTimeout(HEARTBEAT.multipliedBy(3))
                        .lease(Boolean.getBoolean("gossip.it.lease") ? HEARTBEAT.multipliedBy(4) : Duration.ZERO)
                        .build())
                .tickInterval(Duration.ofMillis(50))
                .antiEntropy(AntiEntropyConfig.off())
                .build();
        long t0 = System.nanoTime();
        try (SimCluster cluster = SimCluster.start(NODES, config, seed)) {
            System.out.printf("crash test: %d nodes joined in %.1f s%n", NODES, (System.nanoTime() - t0) / 1e9);
            // let the leases turn over once so that the views are in their steady state
            await().pollDelay(HEARTBEAT.multipliedBy(6)).until(() -> true);
            System.out.println("crash test before: " + LossyReachTest.viewStats(cluster) + ", seed " + seed);

            List<Integer> order = new ArrayList<>(cluster.present());
            Collections.shuffle(order, new java.util.Random(seed));
            List<Integer> crashed = order.subList(0, NODES / 2);
            long crashedAt = System.nanoTime();
            crashed.forEach(cluster::crash);
            List<Integer> survivors = cluster.present();
            Set<NodeId> live = cluster.presentIds();

            // poll until every survivor has a live PV member or 10 heartbeats have passed; the
            // assertion below reports how many lack one, which says more than a timeout would
            long tenHeartbeats = HEARTBEAT.multipliedBy(10).toNanos();
            await().atMost(HEARTBEAT.multipliedBy(12))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> System.nanoTime() - crashedAt >= tenHeartbeats
                            || survivors.stream()
                                    .allMatch(i -> cluster.node(i).snapshot().partialView().stream()
                                            .anyMatch(live::contains)));
            double liveAfter = (System.nanoTime() - crashedAt) / 1e9;
            long left = tenHeartbeats - (System.nanoTime() - crashedAt);
            if (left > 0) {
                await().pollDelay(Duration.ofNanos(left)).until(() -> true);
            }
            List<List<NodeId>> views = survivors.stream()
                    .map(i -> cluster.node(i).snapshot().partialView())
                    .toList();
            long withoutLive = views.stream()
                    .filter(pv -> pv.stream().noneMatch(live::contains))
                    .count();
            long withDead = views.stream().filter(pv -> !live.containsAll(pv)).count();
            System.out.printf(
                    "crash of %d of %d: polling for a live PV member at every survivor ended"
                            + " after %.2f s; at 10 heartbeats (%.1f s) %d survivors lack one and %d still list a crashed node (lease %s);"
                            + " %s, seed %d%n",
                    crashed.size(),
                    NODES,
                    liveAfter,
                    HEARTBEAT.multipliedBy(10).toMillis() / 1e3,
                    withoutLive,
                    withDead,
                    config.membership().lease(),
                    LossyReachTest.viewStats(cluster),
                    seed);
            assertThat(withoutLive)
                    .as("survivors without a live PV member at 10 heartbeats, seed %d", seed)
                    .isZero();

            SplittableRandom random = new SplittableRandom(seed);
            List<MessageId> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(cluster.broadcast(survivors.get(random.nextInt(survivors.size())), new byte[] {(byte) i}));
                cluster.awaitBacklogBelow(50_000);
            }
            if (config.membership().lease().isZero()) {
                cluster.awaitQuiet(Duration.ofMillis(500), Duration.ofMinutes(1));
            } else {
                // renewals keep membership datagrams queued for good: wait for the gossip alone
                cluster.awaitDeliveriesSettled(Duration.ofSeconds(2), Duration.ofMinutes(1));
                System.out.printf("lease: %d datagrams queued when the deliveries settled%n", cluster.inFlight());
            }
            long sum = 0;
            int min = Integer.MAX_VALUE;
            for (MessageId id : ids) {
                int r = cluster.reachAmong(id, survivors);
                sum += r;
                min = Math.min(min, r);
            }
            double mean = (double) sum / (ids.size() * (survivors.size() - 1.0));
            System.out.printf(
                    "after the crash: 20 broadcasts reach %.5f of the survivors on average, min %d"
                            + " of %d, seed %d%n",
                    mean, min, survivors.size() - 1, seed);
            assertThat(mean).as("mean reach among survivors, seed %d", seed).isGreaterThanOrEqualTo(0.99);
            for (int i : survivors) {
                NodeSnapshot s = cluster.node(i).snapshot();
                assertThat(s.partialView())
                        .as("PV of %s, seed %d", s.id(), seed)
                        .isNotEmpty();
            }
        }
    }
}
