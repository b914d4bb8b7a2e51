package dev.gossip.sim;

import dev.gossip.MembershipConfig;
import dev.gossip.spi.MembershipProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Runs {@link ViewsConfig}: overlays by sequential joins, then the sizes of their views. */
final class ViewsExperiment {

    private ViewsExperiment() {}

    static List<ViewsRow> run(ViewsConfig config, MembershipProvider provider, Progress progress) {
        List<ViewsRow> rows = new ArrayList<>();
        for (int n : config.nodes()) {
            for (int c : config.cs()) {
                rows.add(row(config, provider, progress, n, c));
            }
        }
        return rows;
    }

    private static ViewsRow row(ViewsConfig config, MembershipProvider provider, Progress progress, int n, int c) {
        MembershipConfig membership = config.membership().toBuilder().c(c).build();
        RunningStats pv = new RunningStats();
        RunningStats in = new RunningStats();
        long dropped = 0;
        for (int r = 0; r < config.runs(); r++) {
            long seed = Seeds.derive(config.seed(), n, c, r);
            Simulator sim = Simulator.builder(provider)
                    .seed(seed)
                    .membershipConfig(membership)
                    .build();
            String stage = "views n=" + n + " c=" + c + " run " + (r + 1) + "/" + config.runs();
            Overlay.grow(sim, n, new SplittableRandom(seed), progress, stage);
            for (int i = 0; i < n; i++) {
                pv.add(sim.membership(i).partialView().size());
                in.add(sim.membership(i).inView().size());
            }
            dropped += sim.counter("forwardedDropped");
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
