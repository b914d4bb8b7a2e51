package dev.gossip.cli;

import dev.gossip.Address;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.JoinException;
import dev.gossip.NodeSnapshot;
import dev.gossip.transport.dtls.DtlsTransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Runs one demo: starts the nodes, joins them one after another through node 0, broadcasts from
 * seeded random origins, waits for the deliveries and collects the numbers. Every node is closed
 * at the end, whatever happens.
 */
final class DemoCluster {

    private final GossipNodes gossipNodes;
    private final DemoSettings settings;
    private final LongSupplier clock;

    DemoCluster(GossipNodes gossipNodes, DemoSettings settings, LongSupplier clock) {
        this.gossipNodes = gossipNodes;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @return the config every demo node uses: the local preset with the demo's c, transport and
     *     dissemination
     */
    static GossipConfig config(DemoSettings settings) {
        GossipConfig local = GossipConfig.local();
        return local.toBuilder()
                .membership(local.membership().toBuilder().c(settings.c()).build())
                .transportProvider(
                        settings.transport().equals(DtlsTransportProvider.NAME) ? null : settings.transport())
                .dissemination(settings.dissemination())
                .build();
    }

    /**
     * @param progress the bar for the joins; {@link ProgressBar#next} gives the deliveries' bar
     * @return the numbers
     */
    DemoResult run(ProgressBar progress) {
        SplittableRandom random = new SplittableRandom(settings.seed());
        int[] origins = new int[settings.messages()];
        for (int m = 0; m < origins.length; m++) {
            origins[m] = random.nextInt(settings.nodes());
        }
        DeliveryRecorder recorder = new DeliveryRecorder(settings.nodes(), origins, clock);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemonThreads());
        List<GossipNode> nodes = new ArrayList<>(settings.nodes());
        try {
            GossipConfig config = config(settings);
            DemoCertificates certificates = settings.transport().equals(DtlsTransportProvider.NAME)
                    ? new DemoCertificates(config.transport())
                    : null;
            for (int i = 0; i < settings.nodes(); i++) {
                GossipNode node = gossipNodes.create(
                        config, random.nextLong(), scheduler, certificates == null ? null : certificates.transport(i));
                nodes.add(node);
                node.addMessageListener(recorder.listener(i));
                node.start();
            }
            long joinNanos = joinAll(nodes, progress);
            return broadcastAndWait(
                    nodes,
                    origins,
                    recorder,
                    joinNanos,
                    progress.next("delivering", Math.toIntExact(settings.expectedDeliveries())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted", e);
        } finally {
            nodes.forEach(GossipNode::close);
            scheduler.shutdownNow();
        }
    }

    private long joinAll(List<GossipNode> nodes, ProgressBar progress) {
        Address seed = nodes.get(0).id().address();
        long start = clock.getAsLong();
        long deadline = start + settings.timeout().toNanos();
        progress.start();
        progress.update(1);
        for (int i = 1; i < nodes.size(); i++) {
            long remaining = deadline - clock.getAsLong();
            try {
                if (remaining <= 0) {
                    throw new JoinException("timed out after " + settings.timeout());
                }
                nodes.get(i).join(List.of(seed), Duration.ofNanos(remaining));
            } catch (JoinException e) {
                progress.finish();
                throw new CommandFailure(
                        "node " + i + " (" + nodes.get(i).id() + ") could not join through "
                                + seed + ": " + e.getMessage() + "; only " + i + " of " + nodes.size()
                                + " nodes joined",
                        e);
            }
            progress.update(i + 1);
        }
        progress.finish();
        return clock.getAsLong() - start;
    }

    private DemoResult broadcastAndWait(
            List<GossipNode> nodes, int[] origins, DeliveryRecorder recorder, long joinNanos, ProgressBar progress)
            throws InterruptedException {
        long sentBefore = 0;
        long payloadBefore = 0;
        for (GossipNode node : nodes) {
            NodeSnapshot s = node.snapshot();
            sentBefore += s.datagramsSent();
            payloadBefore += payloadDatagrams(s);
        }
        long start = clock.getAsLong();
        for (int m = 0; m < origins.length; m++) {
            nodes.get(origins[m]).broadcast(recorder.payload(m));
        }
        progress.start();
        long deadline = start + settings.timeout().toNanos();
        long step = TimeUnit.MILLISECONDS.toNanos(100);
        while (!recorder.await(Math.min(step, Math.max(0, deadline - clock.getAsLong())))
                && clock.getAsLong() - deadline < 0) {
            progress.update((int) recorder.delivered());
        }
        progress.update((int) recorder.delivered());
        progress.finish();
        long deliveryNanos = clock.getAsLong() - start;
        // the tree's last announcements leave up to one announce interval after the last delivery:
        // count them too, so "all" is the whole cost of the broadcasts
        GossipConfig config = config(settings);
        Thread.sleep(2
                * (config.dissemination().announceInterval().toMillis()
                        + config.tickInterval().toMillis()));

        long sentAfter = 0;
        long payloadAfter = 0;
        int[] viewSizes = new int[nodes.size()];
        SortedMap<String, Long> membershipCounters = new TreeMap<>();
        SortedMap<String, Long> drops = new TreeMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeSnapshot s = nodes.get(i).snapshot();
            sentAfter += s.datagramsSent();
            payloadAfter += payloadDatagrams(s);
            viewSizes[i] = s.partialView().size();
            s.membershipCounters().forEach((name, value) -> membershipCounters.merge(name, value, Long::sum));
            s.drops().forEach((reason, value) -> drops.merge(reason.name(), value, Long::sum));
        }
        int[] missing = new int[origins.length];
        for (int m = 0; m < origins.length; m++) {
            missing[m] = recorder.missing(m);
        }
        return new DemoResult(
                settings.expectedDeliveries(),
                recorder.delivered(),
                recorder.duplicates(),
                recorder.unexpected(),
                joinNanos,
                deliveryNanos,
                recorder.sortedLatencies(),
                viewSizes,
                payloadAfter - payloadBefore,
                sentAfter - sentBefore,
                missing,
                membershipCounters,
                drops);
    }

    /** @return datagrams the node sent that carried a message payload (bundles counted once) */
    private static long payloadDatagrams(NodeSnapshot s) {
        return s.membershipCounters().getOrDefault("datagrams.payload", 0L);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "gossip-demo-timer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
