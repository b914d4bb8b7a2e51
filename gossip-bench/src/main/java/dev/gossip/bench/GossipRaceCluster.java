package dev.gossip.bench;

import dev.gossip.DisseminationConfig;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.NodeSnapshot;
import dev.gossip.TransportConfig;
import dev.gossip.core.Gossip;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Our nodes in the races: UDP on 127.0.0.1, binary codec, SCAMP with the {@code local} preset
 * ({@link GossipConfig#local()}) and the dissemination chosen ({@code flood} or {@code tree}), each
 * joining in turn through node 0 (as the other systems do through their seed) or, with
 * {@code joinViaRandomMember}, through a seeded random member already joined (as in the SCAMP
 * paper's model, where the contact is any member).
 *
 * <p>Counted for the latency race ({@link #messagesSent}): the datagrams that carry a payload plus
 * the tree's control frames (IHAVE batches, GRAFT, PRUNE; a control frame bundled into a datagram
 * that also carries a payload is counted twice, so this is an upper bound); membership heartbeats
 * are not counted, as the other systems' failure detection is not. Counted for the throughput race
 * ({@link #transportMessages}): every datagram sent, heartbeats included.
 */
final class GossipRaceCluster implements LoadCluster {

    private final DeliverySink sink;
    private final long seed;
    private final boolean joinViaRandomMember;
    private final DisseminationConfig.Mode mode;
    private final Duration linger;
    private final int datagramBytes;
    private final Duration graftTimeout;
    private final List<GossipNode> nodes = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "race-gossip-timer");
        thread.setDaemon(true);
        return thread;
    });

    GossipRaceCluster(DeliverySink sink, long seed, boolean joinViaRandomMember, DisseminationConfig.Mode mode) {
        this(sink, seed, joinViaRandomMember, mode, Duration.ZERO, 0, Duration.ZERO);
    }

    /**
     * @param linger {@link DisseminationConfig#linger()} instead of the preset's (zero)
     * @param datagramBytes {@link TransportConfig#maxDatagramBytes()} instead of the preset's, or 0
     * @param graftTimeout {@link DisseminationConfig#graftTimeout()} instead of the preset's, or zero
     */
    GossipRaceCluster(
            DeliverySink sink,
            long seed,
            boolean joinViaRandomMember,
            DisseminationConfig.Mode mode,
            Duration linger,
            int datagramBytes,
            Duration graftTimeout) {
        this.sink = sink;
        this.seed = seed;
        this.joinViaRandomMember = joinViaRandomMember;
        this.mode = mode;
        this.linger = linger;
        this.datagramBytes = datagramBytes;
        this.graftTimeout = graftTimeout;
    }

    /** @return what every member of this cluster runs: see {@link #config(DisseminationConfig.Mode, Duration, int, Duration)} */
    GossipConfig config() {
        return config(mode, linger, datagramBytes, graftTimeout);
    }

    /**
     * @return the local preset with that dissemination mode and the overrides given (see the
     *     constructor; zero for the preset's)
     */
    static GossipConfig config(
            DisseminationConfig.Mode mode, Duration linger, int datagramBytes, Duration graftTimeout) {
        GossipConfig local = GossipConfig.local();
        DisseminationConfig dissemination = local.dissemination().withMode(mode).withLinger(linger);
        if (!graftTimeout.isZero()) {
            dissemination = dissemination.withTimers(dissemination.announceInterval(), graftTimeout);
        }
        GossipConfig.Builder builder = local.toBuilder()
                .dissemination(dissemination)
                .transportProvider("udp"); // the bench jar also holds dtls
        if (datagramBytes > 0) {
            builder.transport(local.transport().toBuilder()
                    .maxDatagramBytes(datagramBytes)
                    .build());
        }
        return builder.build();
    }

    @Override
    public String name() {
        return "gossip (" + mode.label() + (joinViaRandomMember ? ", join any" : "")
                + (linger.isZero() ? "" : ", linger " + linger.toMillis() + " ms")
                + (datagramBytes == 0 ? "" : ", " + datagramBytes + "-byte datagrams")
                + (graftTimeout.isZero() ? "" : ", graft " + graftTimeout.toMillis() + " ms") + ")";
    }

    @Override
    public void start(int n) {
        GossipConfig config = config();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            GossipNode node = Gossip.builder(config)
                    .random(random.split())
                    .scheduler(scheduler)
                    .build();
            int member = i;
            node.addMessageListener(d -> sink.delivered(member, d.payload()));
            node.start();
            nodes.add(node);
        }
        for (int i = 1; i < n; i++) {
            int contact = joinViaRandomMember ? random.nextInt(i) : 0;
            nodes.get(i).join(List.of(nodes.get(contact).id().address()), Duration.ofSeconds(10));
        }
    }

    @Override
    public void send(int origin, byte[] payload) {
        nodes.get(origin).broadcast(payload);
    }

    @Override
    public long messagesSent() {
        long total = 0;
        for (GossipNode node : nodes) {
            Map<String, Long> counters = node.snapshot().membershipCounters();
            total += counters.getOrDefault("datagrams.payload", 0L)
                    + counters.getOrDefault("tree.announceFrames", 0L)
                    + counters.getOrDefault("tree.graftsSent", 0L)
                    + counters.getOrDefault("tree.prunesSent", 0L);
        }
        return total;
    }

    @Override
    public long transportMessages() {
        long total = 0;
        for (GossipNode node : nodes) {
            total += node.snapshot().datagramsSent();
        }
        return total;
    }

    /** The counters shown per step of the throughput race: the tree's repairs and the drops. */
    private static final List<String> STEP_COUNTERS = List.of(
            "tree.graftsSent",
            "tree.graftsAfterRepair",
            "tree.fetchesSent",
            "tree.prunesSent",
            "tree.graftUnavailable",
            "tree.missingGivenUp",
            "tree.missingDropped",
            "tree.refused");

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> sums = new TreeMap<>();
        for (GossipNode node : nodes) {
            NodeSnapshot snapshot = node.snapshot();
            for (String name : STEP_COUNTERS) {
                sums.merge(name, snapshot.membershipCounters().getOrDefault(name, 0L), Long::sum);
            }
            snapshot.drops().forEach((reason, count) -> sums.merge("drops." + reason.name(), count, Long::sum));
        }
        return sums;
    }

    /** @return the partial-view sizes now (SCAMP expects a mean of (c+1)·ln N), the counters and the drops */
    @Override
    public String note() {
        int min = Integer.MAX_VALUE;
        int max = 0;
        long sum = 0;
        Map<String, Long> counters = new TreeMap<>();
        Map<String, Long> drops = new TreeMap<>();
        for (GossipNode node : nodes) {
            NodeSnapshot snapshot = node.snapshot();
            int size = snapshot.partialView().size();
            min = Math.min(min, size);
            max = Math.max(max, size);
            sum += size;
            snapshot.membershipCounters().forEach((k, v) -> counters.merge(k, v, Long::sum));
            snapshot.drops().forEach((k, v) -> drops.merge(k.name(), v, Long::sum));
        }
        counters.values().removeIf(v -> v == 0);
        drops.values().removeIf(v -> v == 0);
        return String.format(
                Locale.ROOT,
                "partial view mean %.1f (min %d, max %d; (c+1)·ln N = %.1f); drops %s; membership counters %s",
                (double) sum / nodes.size(),
                min,
                max,
                (GossipConfig.local().membership().c() + 1) * Math.log(nodes.size()),
                drops,
                counters);
    }

    /** Long enough for the tree's last announcements to leave (announce interval 20 ms + a tick). */
    @Override
    public long settleQuietMillis() {
        return 100;
    }

    @Override
    public void close() {
        nodes.forEach(GossipNode::close);
        scheduler.shutdownNow();
    }
}
