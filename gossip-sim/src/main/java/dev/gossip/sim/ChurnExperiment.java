package dev.gossip.sim;

import dev.gossip.MembershipConfig;
import dev.gossip.spi.MembershipProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Runs {@link ChurnConfig}: a live cluster with departures, arrivals and periodic samples. */
final class ChurnExperiment {

    private final ChurnConfig config;
    private final Simulator sim;
    private final SplittableRandom random;
    private final Progress progress;
    private final List<ChurnRow> rows = new ArrayList<>();
    private int[] up = new int[64];
    private int[] position = new int[64];
    private int upCount;
    private long joins;
    private long departures;
    private long churnStart;

    private ChurnExperiment(ChurnConfig config, MembershipProvider provider, Progress progress) {
        this.config = config;
        this.progress = progress;
        MembershipConfig membership = config.membership().toBuilder()
                .c(config.c())
                .lease(config.lease())
                .build();
        this.sim = Simulator.builder(provider)
                .seed(config.seed())
                .membershipConfig(membership)
                .build();
        this.random = new SplittableRandom(Seeds.derive(config.seed(), config.nodes(), config.c()));
    }

    static List<ChurnRow> run(ChurnConfig config, MembershipProvider provider, Progress progress) {
        return new ChurnExperiment(config, provider, progress).run();
    }

    private List<ChurnRow> run() {
        Overlay.grow(sim, config.nodes(), random, progress, "churn: initial overlay n=" + config.nodes());
        for (int i = 0; i < sim.size(); i++) {
            added(i);
        }
        sim.network(config.network());
        sim.startTicks(config.tickInterval());
        churnStart = sim.now();
        double perSecond = config.churnPerMinute() * config.nodes() / 60.0;
        if (perSecond > 0) {
            scheduleChurn(perSecond);
        }
        long samples = config.duration().toNanos() / config.sampleInterval().toNanos();
        for (long k = 0; k <= samples; k++) {
            sim.schedule(config.sampleInterval().multipliedBy(k), this::sample);
        }
        long end = config.duration().toNanos() + config.gossipWindow().toNanos();
        long step = Math.max(1, end / 100);
        for (long t = 0; t < end; t += step) {
            sim.runFor(Duration.ofNanos(Math.min(step, end - t)));
            progress.report("churn n=" + config.nodes() + " c=" + config.c(), sim.now() - churnStart, end);
        }
        sim.stopTicks();
        return rows;
    }

    private void scheduleChurn(double perSecond) {
        double wait = -Math.log(1 - random.nextDouble()) / perSecond;
        long nanos = (long) (wait * 1e9);
        if (sim.now() + nanos - churnStart > config.duration().toNanos()) {
            return;
        }
        sim.schedule(Duration.ofNanos(nanos), () -> {
            churn();
            scheduleChurn(perSecond);
        });
    }

    private void churn() {
        if (upCount < 2) {
            return;
        }
        int leaving = up[random.nextInt(upCount)];
        if (random.nextDouble() < config.gracefulFraction()) {
            sim.leave(leaving);
        } else {
            sim.crash(leaving);
        }
        removed(leaving);
        departures++;
        int contact = up[random.nextInt(upCount)];
        int node = sim.addNode();
        sim.join(node, contact);
        added(node);
        joins++;
    }

    private void sample() {
        long time = sim.now() - churnStart;
        RunningStats pv = new RunningStats();
        RunningStats in = new RunningStats();
        int isolated = 0;
        for (int k = 0; k < upCount; k++) {
            int i = up[k];
            pv.add(sim.membership(i).partialView().size());
            int inView = sim.membership(i).inView().size();
            in.add(inView);
            if (inView == 0) {
                isolated++;
            }
        }
        double links = Math.max(1, pv.mean() * pv.count());
        double asymmetric = ViewGraph.asymmetricLinks(sim) / links;
        double dangling = ViewGraph.danglingLinks(sim) / links;
        boolean connected = ViewGraph.stronglyConnected(sim);
        int upAtLaunch = upCount;
        long joinsNow = joins;
        long departuresNow = departures;
        double meanPv = pv.mean();
        double sdPv = pv.sd();
        double meanIn = in.mean();
        int isolatedNow = isolated;
        Broadcast b = sim.broadcast(up[random.nextInt(upCount)]);
        sim.schedule(
                config.gossipWindow(),
                () -> rows.add(new ChurnRow(
                        time / 1e9,
                        upAtLaunch,
                        joinsNow,
                        departuresNow,
                        meanPv,
                        sdPv,
                        meanIn,
                        asymmetric,
                        dangling,
                        isolatedNow,
                        connected,
                        Math.min(1.0, (double) b.reached() / upAtLaunch),
                        sim.counter("resubscriptions"),
                        config.seed())));
    }

    private void added(int node) {
        if (node >= position.length) {
            position = Arrays.copyOf(position, Math.max(node + 1, position.length * 2));
        }
        if (upCount == up.length) {
            up = Arrays.copyOf(up, upCount * 2);
        }
        position[node] = upCount;
        up[upCount++] = node;
    }

    private void removed(int node) {
        int at = position[node];
        int last = up[--upCount];
        up[at] = last;
        position[last] = at;
    }
}
