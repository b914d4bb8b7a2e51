package dev.gossip.sim;

import dev.gossip.MembershipConfig;
import dev.gossip.spi.MembershipProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs {@link ViewsConfig}: overlays by sequential joins, then the sizes of their views. The runs
 * go to {@link Workers}; each hands back its nodes' view sizes, which are added in run order, so
 * the rows are the same for any thread count.
 */
final class ViewsExperiment {

    private ViewsExperiment() {}

    /** One run's outcome: every node's view sizes, in node order, and the copies it dropped. */
    private record Run(int[] pv, int[] in, long dropped) {}

    static List<ViewsRow> run(ViewsConfig config, MembershipProvider provider, Progress progress) {
        Object lock = new Object();
        Progress serial = (stage, done, total) -> {
            synchronized (lock) {
                progress.report(stage, done, total);
            }
        };
        List<ViewsRow> rows = new ArrayList<>();
        try (Workers workers = new Workers(config.threads())) {
            List<List<Workers.Result<Run>>> groups = new ArrayList<>();
            for (int n : config.nodes()) {
                for (int c : config.cs()) {
                    List<Workers.Result<Run>> runs = new ArrayList<>();
                    for (int r = 0; r < config.runs(); r++) {
                        int run = r;
                        runs.add(workers.submit(() -> run(config, provider, serial, n, c, run)));
                    }
                    groups.add(runs);
                }
            }
            int g = 0;
            for (int n : config.nodes()) {
                for (int c : config.cs()) {
                    rows.add(row(config, n, c, groups.get(g++)));
                }
            }
        }
        return rows;
    }

    private static Run run(ViewsConfig config, MembershipProvider provider, Progress progress, int n, int c, int r) {
        MembershipConfig membership = config.membership().toBuilder().c(c).build();
        long seed = Seeds.derive(config.seed(), n, c, r);
        Simulator sim = Simulator.builder(provider)
                .seed(seed)
                .membershipConfig(membership)
                .build();
        String stage = "views n=" + n + " c=" + c + " run " + (r + 1) + "/" + config.runs();
        Overlay.grow(sim, n, new SplittableRandom(seed), progress, stage);
        int[] pv = new int[n];
        int[] in = new int[n];
        for (int i = 0; i < n; i++) {
            pv[i] = sim.membership(i).partialView().size();
            in[i] = sim.membership(i).inView().size();
        }
        return new Run(pv, in, sim.counter(Simulator.DROPPED_COUNTER));
    }

    private static ViewsRow row(ViewsConfig config, int n, int c, List<Workers.Result<Run>> runs) {
        MembershipConfig membership = config.membership().toBuilder().c(c).build();
        RunningStats pv = new RunningStats();
        RunningStats in = new RunningStats();
        long dropped = 0;
        for (Workers.Result<Run> result : runs) {
            Run run = result.get();
            for (int i = 0; i < n; i++) {
                pv.add(run.pv()[i]);
                in.add(run.in()[i]);
            }
            dropped += run.dropped();
        }
        return new ViewsRow(
                n,
                c,
                config.runs(),
                pv.mean(),
                pv.sd(),
                membership.expectedViewSize(n),
                (int) pv.min(),
                (int) pv.max(),
                in.mean(),
                (double) dropped / config.runs());
    }
}
