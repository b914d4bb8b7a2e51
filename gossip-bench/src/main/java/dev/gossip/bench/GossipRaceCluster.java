package dev.gossip.bench;

import dev.gossip.Address;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.NodeSnapshot;
import dev.gossip.TransportConfig;
import dev.gossip.core.Gossip;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Our nodes in the race: UDP on 127.0.0.1, binary codec, SCAMP with the {@code local} preset, each
 * joining in turn through node 0 (as the other systems do through their seed) or, with
 * {@code joinViaRandomMember}, through a seeded random member already joined (as in the SCAMP
 * paper's model, where the contact is any member). Dissemination messages are the gossip datagrams: the origin's
 * copies to its partial view plus every forward (membership heartbeats are not counted, as the
 * other systems' failure detection is not).
 */
final class GossipRaceCluster implements RaceCluster {

    private final RaceRecorder recorder;
    private final long seed;
    private final boolean joinViaRandomMember;
    private final List<GossipNode> nodes = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "race-gossip-timer");
        thread.setDaemon(true);
        return thread;
    });
    private long originCopies;

    GossipRaceCluster(RaceRecorder recorder, long seed, boolean joinViaRandomMember) {
        this.recorder = recorder;
        this.seed = seed;
        this.joinViaRandomMember = joinViaRandomMember;
    }

    @Override
    public String name() {
        return joinViaRandomMember ? "gossip (SCAMP, UDP, local, join any)" : "gossip (SCAMP, UDP, local)";
    }

    @Override
    public void start(int n) {
        GossipConfig config = GossipConfig.local().toBuilder()
                .transport(TransportConfig.builder().bind(Address.parse("127.0.0.1:0")).build())
                .build();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            GossipNode node = Gossip.builder(config).random(random.split()).scheduler(scheduler).build();
            int member = i;
            node.addMessageListener(d -> recorder.delivered(member, RaceRecorder.runOf(d.payload())));
            node.start();
            nodes.add(node);
        }
        for (int i = 1; i < n; i++) {
            int contact = joinViaRandomMember ? random.nextInt(i) : 0;
            nodes.get(i).join(List.of(nodes.get(contact).id().address()), Duration.ofSeconds(10));
        }
    }

    @Override
    public void broadcast(int origin, int run) {
        GossipNode node = nodes.get(origin);
        originCopies += node.snapshot().partialView().size();
        node.broadcast(RaceRecorder.payload(run));
    }

    @Override
    public long messagesSent() {
        long forwarded = 0;
        for (GossipNode node : nodes) {
            NodeSnapshot snapshot = node.snapshot();
            forwarded += snapshot.forwarded();
        }
        return originCopies + forwarded;
    }

    /** @return the partial-view sizes now: SCAMP expects a mean of (c+1)·ln N */
    @Override
    public String note() {
        int min = Integer.MAX_VALUE;
        int max = 0;
        long sum = 0;
        java.util.Map<String, Long> counters = new java.util.TreeMap<>();
        for (GossipNode node : nodes) {
            NodeSnapshot snapshot = node.snapshot();
            int size = snapshot.partialView().size();
            min = Math.min(min, size);
            max = Math.max(max, size);
            sum += size;
            snapshot.membershipCounters().forEach((k, v) -> counters.merge(k, v, Long::sum));
        }
        counters.values().removeIf(v -> v == 0);
        return String.format(java.util.Locale.ROOT,
                "partial view mean %.1f (min %d, max %d; (c+1)·ln N = %.1f); membership counters %s",
                (double) sum / nodes.size(), min, max,
                (GossipConfig.local().membership().c() + 1) * Math.log(nodes.size()), counters);
    }

    @Override
    public long settleQuietMillis() {
        return 50;
    }

    @Override
    public void close() {
        nodes.forEach(GossipNode::close);
        scheduler.shutdownNow();
    }
}
