package dev.gossip.sim;

import dev.gossip.MembershipConfig;
import dev.gossip.spi.MembershipProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code gossip simulate} does, for use before the CLI has the command: runs one experiment,
 * writes its rows to stdout and optionally a plot; progress and timing on stderr. Not a test. Example:
 * {@code java -cp ... dev.gossip.sim.SimulateMain views --nodes 1000,10000 --c 0,1,2,3 --runs 3
 * --seed 1 --format csv --plot docs/views.png}
 */
public final class SimulateMain {

    private SimulateMain() {}

    public static void main(String[] args) throws ReflectiveOperationException {
        String experiment = args[0];
        Map<String, String> flags = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            flags.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        MembershipProvider provider = flags.containsKey("provider")
                ? (MembershipProvider)
                        Class.forName(flags.get("provider")).getConstructor().newInstance()
                : Experiments.defaultMembership();
        MembershipConfig membership = ViewsConfig.EXPERIMENT_MEMBERSHIP.toBuilder()
                .indirectionWalk(Integer.parseInt(flags.getOrDefault("walk", "0")))
                .forwardHopFactor(Integer.parseInt(flags.getOrDefault("hop-factor", "10")))
                .build();
        long seed = Long.parseLong(flags.getOrDefault("seed", "1"));
        RowWriter.Format format =
                RowWriter.Format.valueOf(flags.getOrDefault("format", "csv").toUpperCase(Locale.ROOT));
        long start = System.nanoTime();
        long[] last = {0};
        Progress progress = (stage, done, total) -> {
            long now = System.nanoTime();
            if (now - last[0] > 5_000_000_000L || done == total) {
                last[0] = now;
                System.err.printf(Locale.ROOT, "[%6.1f s] %s: %d/%d%n", (now - start) / 1e9, stage, done, total);
            }
        };
        List<? extends Row> rows;
        switch (experiment) {
            case "views" -> {
                List<ViewsRow> v = Experiments.views(
                        ViewsConfig.builder()
                                .nodes(ints(flags.getOrDefault("nodes", "1000,10000")))
                                .cs(ints(flags.getOrDefault("c", "0,1,2,3")))
                                .runs(Integer.parseInt(flags.getOrDefault("runs", "3")))
                                .seed(seed)
                                .membership(membership)
                                .build(),
                        provider,
                        progress);
                if (flags.containsKey("plot")) {
                    Plots.views(v, Path.of(flags.get("plot")));
                }
                rows = v;
            }
            case "reliability" -> {
                List<ReliabilityRow> r = Experiments.reliability(
                        ReliabilityConfig.builder()
                                .nodes(Integer.parseInt(flags.getOrDefault("nodes", "10000")))
                                .cs(ints(flags.getOrDefault("c", "0,1,2,3")))
                                .trials(Integer.parseInt(flags.getOrDefault("trials", "20")))
                                .seed(seed)
                                .membership(membership)
                                .build(),
                        provider,
                        progress);
                if (flags.containsKey("plot")) {
                    Plots.reliability(r, Path.of(flags.get("plot")));
                }
                rows = r;
            }
            case "churn" ->
                rows = Experiments.churn(
                        ChurnConfig.builder()
                                .nodes(Integer.parseInt(flags.getOrDefault("nodes", "1000")))
                                .c(Integer.parseInt(flags.getOrDefault("c", "1")))
                                .duration(Duration.ofSeconds(Long.parseLong(flags.getOrDefault("duration-s", "600"))))
                                .churnPerMinute(Double.parseDouble(flags.getOrDefault("churn", "0.05")))
                                .lease(Duration.ofSeconds(Long.parseLong(flags.getOrDefault("lease-s", "0"))))
                                .seed(seed)
                                .membership(membership)
                                .build(),
                        provider,
                        progress);
            default ->
                throw new IllegalArgumentException("unknown experiment " + experiment + " in " + Arrays.toString(args));
        }
        RowWriter.write(rows, format, System.out);
        System.err.printf(
                Locale.ROOT,
                "done in %.1f s wall, %.2f GB heap used%n",
                (System.nanoTime() - start) / 1e9,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1e9);
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList();
    }
}
