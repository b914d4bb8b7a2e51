package dev.gossip.cli;

import dev.gossip.DisseminationConfig;
import dev.gossip.sim.ChurnConfig;
import dev.gossip.sim.Experiments;
import dev.gossip.sim.NetworkConfig;
import dev.gossip.sim.Plots;
import dev.gossip.sim.Progress;
import dev.gossip.sim.ReliabilityConfig;
import dev.gossip.sim.ReliabilityRow;
import dev.gossip.sim.Row;
import dev.gossip.sim.RowWriter;
import dev.gossip.sim.ViewsConfig;
import dev.gossip.sim.ViewsRow;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gossip simulate views|reliability|churn|scale}: the simulator's experiments (gossip-sim), rows
 * on stdout as CSV or a table, an optional PNG plot, progress on stderr. Only maps flags onto the
 * experiments' config records.
 */
@Prototype
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Runs a deterministic simulation of SCAMP and gossip (same seed, same output).",
        description = {
            "views: mean, spread and extremes of partial views against (c+1)*ln n; overlays built by "
                    + "sequential joins through random contacts. Columns: "
                    + "n,c,runs,mean_pv,sd_pv,expected_pv,min_pv,max_pv,mean_inview,dropped_per_run.",
            "reliability: share of trials in which one gossip reaches every live node after a "
                    + "fraction of nodes crash, for scamp and the global ln n + c comparison. Columns: "
                    + "protocol,n,c,fail,trials,p_all_reached,mean_frac_reached,msgs_per_node,"
                    + "dissemination,payload_msgs_per_node,control_msgs_per_node,last_delivery_hop,overlays. "
                    + "Trials run on --threads threads; with --patterns K each grown overlay serves K trials. "
                    + "A flood over a lossless network is computed as reachability over the partial views. "
                    + "With --dissemination tree, scamp runs the eager/lazy push tree: each trial first "
                    + "broadcasts --warmup messages on the intact overlay to let the tree form, then crashes "
                    + "the fraction and runs the measured broadcast until it and its repair are quiet.",
            "churn: views, link consistency, connectivity and reach over time while nodes come "
                    + "and go, heartbeats on.",
            "scale: how far the simulator goes: n sequential joins, then one broadcast; wall time, "
                    + "events, heap per node (c defaults to 1; the time and heap columns vary from run to run). "
                    + "A million nodes keep about 0.6 GB of heap live (measured with java -Xmx8g)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gossip simulate views --nodes 1000,10000 --c 0,1,2,3 --runs 3 --seed 1 --plot views.png",
            "  gossip simulate reliability --nodes 10000 --trials 20 --format table --plot reliability.png",
            "  gossip simulate reliability --nodes 2000 --c 1,2,3 --fail 0,0.3 --dissemination flood,tree",
            "  gossip simulate churn --nodes 1000 --duration 10m --churn 0.05 --lease 60s",
            "  java -Xmx8g -XX:+UseTransparentHugePages -jar gossip.jar simulate scale --nodes 1000000 --format table",
            "",
            "Exit codes:",
            "  0  success",
            "  1  the simulation failed",
            "  2  usage error"
        })
final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "views, reliability, churn or scale.")
    String experiment;

    @Option(
            names = "--nodes",
            paramLabel = "N[,N...]",
            split = ",",
            description = "Cluster sizes (views; default 1000,10000), or the one size "
                    + "(reliability default 10000, churn default 1000, scale default 100000).")
    @Nullable
    List<Integer> nodes;

    @Option(
            names = "--c",
            paramLabel = "C[,C...]",
            split = ",",
            defaultValue = "0,1,2,3",
            description =
                    "Values of SCAMP's c (churn and scale use the first). Default: ${DEFAULT-VALUE}" + " (scale: 1).")
    List<Integer> cs;

    @Option(
            names = "--runs",
            paramLabel = "R",
            defaultValue = "3",
            description = "views: runs per (n, c). Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(
            names = "--trials",
            paramLabel = "T",
            defaultValue = "20",
            description = "reliability: trials per c. Default: ${DEFAULT-VALUE}.")
    int trials;

    @Option(
            names = "--patterns",
            paramLabel = "K",
            defaultValue = "1",
            description = "reliability: failure patterns (crash sets and sources) drawn on each grown "
                    + "overlay; --trials counts overlays x patterns, the column overlays how many were grown. "
                    + "Default: ${DEFAULT-VALUE}.")
    int patterns;

    @Option(
            names = "--trial-offset",
            paramLabel = "T0",
            defaultValue = "0",
            description = "reliability: index of the first trial, a multiple of --patterns, to run trials "
                    + "T0 to T0+T-1 (one range per batch job; each trial depends on the seed and its index only). "
                    + "Default: ${DEFAULT-VALUE}.")
    int trialOffset;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "views, reliability, churn with --seeds: trials or runs simulated at once; the "
                    + "output is the same for any N. Default: every core.")
    @Nullable
    Integer threads;

    @Option(
            names = "--fail",
            paramLabel = "F[,F...]",
            split = ",",
            defaultValue = "0,0.1,0.2,0.3,0.4,0.5",
            description = "reliability: crashed fractions. Default: ${DEFAULT-VALUE}.")
    List<Double> fails;

    @Option(
            names = "--protocols",
            paramLabel = "P[,P...]",
            split = ",",
            defaultValue = "scamp,global",
            description = "reliability: scamp and/or global. Default: ${DEFAULT-VALUE}.")
    List<String> protocols;

    @Option(
            names = "--dissemination",
            paramLabel = "MODE[,MODE...]",
            split = ",",
            defaultValue = "flood",
            converter = DisseminationConverter.class,
            description = "reliability: flood and/or tree over the scamp overlay, on the same trials "
                    + "(global always floods). Default: ${DEFAULT-VALUE}.")
    List<DisseminationConfig.Mode> disseminations;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            defaultValue = "20",
            description = "reliability with tree: broadcasts from random nodes of the intact overlay, "
                    + "each run to quiescence, before each crash (the tree forms from them). "
                    + "Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description = "churn: virtual time to run. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(
            names = "--sample",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "churn: time between samples. Default: ${DEFAULT-VALUE}.")
    Duration sample;

    @Option(
            names = "--churn",
            paramLabel = "RATE",
            defaultValue = "0.05",
            description = "churn: fraction of the nodes replaced per minute. Default: ${DEFAULT-VALUE}.")
    double churn;

    @Option(
            names = "--lease",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "churn: subscription lease (at least the isolation timeout, 5s). Default: none.")
    @Nullable
    Duration lease;

    @Option(
            names = "--loss",
            paramLabel = "RATE",
            defaultValue = "0",
            description = "Datagram loss rate for gossip (reliability) or for everything during churn. "
                    + "Default: ${DEFAULT-VALUE}.")
    double loss;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description = "Master seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--seeds",
            paramLabel = "S[,S...]",
            split = ",",
            description = "churn: one run per seed, on --threads threads, rows run after run (column seed); "
                    + "instead of --seed.")
    @Nullable
    List<Long> seeds;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "csv",
            description = "csv or table. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(
            names = "--plot",
            paramLabel = "FILE.png",
            description = "Also draw the rows as a PNG (views, reliability).")
    @Nullable
    Path plot;

    @Override
    public Integer call() {
        RowWriter.Format rowFormat = switch (format) {
            case "csv" -> RowWriter.Format.CSV;
            case "table" -> RowWriter.Format.TABLE;
            default -> throw usage("--format must be csv or table, was '" + format + "'");
        };
        PrintWriter out = spec.commandLine().getOut();
        LineProgress progress = new LineProgress(spec.commandLine().getErr());
        List<? extends Row> rows;
        try {
            rows = switch (experiment) {
                case "views" -> views(progress);
                case "reliability" -> reliability(progress);
                case "churn" -> churn(progress);
                case "scale" -> List.of(Experiments.scale(single(100_000), scaleC(), seed, progress));
                default ->
                    throw usage("EXPERIMENT must be views, reliability, churn or scale, was '" + experiment + "'");
            };
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        RowWriter.write(rows, rowFormat, out);
        out.flush();
        boolean parallel = experiment.equals("views")
                || experiment.equals("reliability")
                || (experiment.equals("churn") && seeds != null);
        progress.finish(experiment, parallel ? threads() : 1);
        return GossipCli.EXIT_OK;
    }

    private List<ViewsRow> views(Progress progress) {
        List<ViewsRow> rows = Experiments.views(
                ViewsConfig.builder()
                        .nodes(nodes == null ? List.of(1_000, 10_000) : nodes)
                        .cs(cs)
                        .runs(runs)
                        .seed(seed)
                        .threads(threads())
                        .build(),
                progress);
        if (plot != null) {
            Plots.views(rows, plot);
        }
        return rows;
    }

    private List<ReliabilityRow> reliability(Progress progress) {
        if (patterns < 1) {
            throw usage("--patterns must be at least 1, was " + patterns);
        }
        if (trialOffset < 0 || trialOffset % patterns != 0) {
            throw usage("--trial-offset must be 0 or more and a multiple of --patterns (" + patterns + "), was "
                    + trialOffset);
        }
        List<ReliabilityRow> rows = Experiments.reliability(
                ReliabilityConfig.builder()
                        .nodes(single(10_000))
                        .cs(cs)
                        .fails(fails)
                        .trials(trials)
                        .protocols(protocols)
                        .seed(seed)
                        .gossipNetwork(NetworkConfig.builder().lossRate(loss).build())
                        .disseminations(disseminations)
                        .warmup(warmup)
                        .patterns(patterns)
                        .firstTrial(trialOffset)
                        .threads(threads())
                        .build(),
                progress);
        if (plot != null) {
            Plots.reliability(rows, plot);
        }
        return rows;
    }

    private List<? extends Row> churn(Progress progress) {
        NetworkConfig network = ChurnConfig.builder().build().network().toBuilder()
                .lossRate(loss)
                .build();
        ChurnConfig.Builder config = ChurnConfig.builder()
                .nodes(single(1_000))
                .c(cs.get(0))
                .duration(duration)
                .sampleInterval(sample)
                .churnPerMinute(churn)
                .lease(lease == null ? Duration.ZERO : lease)
                .network(network);
        if (seeds == null) {
            return Experiments.churn(config.seed(seed).build(), progress);
        }
        if (seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size()) {
            throw usage("--seeds must name distinct seeds, was " + seeds);
        }
        List<ChurnConfig> runs = seeds.stream().map(s -> config.seed(s).build()).toList();
        return Experiments.churn(runs, Experiments.defaultMembership(), progress, threads());
    }

    private int threads() {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1) {
            throw usage("--threads must be at least 1, was " + threads);
        }
        return threads;
    }

    /** @return the first {@code --c}, or 1 when the flag was not given (its default list starts at 0) */
    private int scaleC() {
        return spec.commandLine().getParseResult().hasMatchedOption("--c") ? cs.get(0) : 1;
    }

    private int single(int fallback) {
        if (nodes == null) {
            return fallback;
        }
        if (nodes.size() != 1) {
            throw usage("--nodes takes one size for " + experiment + ", was " + nodes);
        }
        return nodes.get(0);
    }

    private ParameterException usage(@Nullable String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Progress as a line on stderr: the first report of each stage, the last, and otherwise at
     * most one line every two seconds, each with an estimate of the stage's time left from its
     * rate so far. Thread-safe (views runs report from their threads).
     */
    static final class LineProgress implements Progress {
        private final PrintWriter err;
        private final LongSupplier clock;
        private final long start;
        private final Map<String, Long> stageStarts = new HashMap<>();
        private long lastPrint;

        LineProgress(PrintWriter err) {
            this(err, System::nanoTime);
        }

        /** @param clock nanoseconds, {@link System#nanoTime()} but in tests */
        LineProgress(PrintWriter err, LongSupplier clock) {
            this.err = err;
            this.clock = clock;
            this.start = clock.getAsLong();
        }

        @Override
        public synchronized void report(String stage, long done, long total) {
            long now = clock.getAsLong();
            Long began = stageStarts.putIfAbsent(stage, now);
            if (began != null && now - lastPrint < 2_000_000_000L && done < total) {
                return;
            }
            lastPrint = now;
            String eta = began != null && done > 0 && done < total
                    ? ", ETA " + duration((now - began) / (double) done * (total - done) / 1e9)
                    : "";
            err.printf(Locale.ROOT, "[%6.1fs] %s: %d/%d%s%n", (now - start) / 1e9, stage, done, total, eta);
            err.flush();
        }

        /** Prints the closing line with the wall time since this progress was made. */
        synchronized void finish(String experiment, int threads) {
            double seconds = (clock.getAsLong() - start) / 1e9;
            err.printf(
                    Locale.ROOT,
                    "[%6.1fs] %s done: %.1f s wall, %d thread%s%n",
                    seconds,
                    experiment,
                    seconds,
                    threads,
                    threads == 1 ? "" : "s");
            err.flush();
        }

        static String duration(double seconds) {
            long s = Math.round(seconds);
            if (s < 60) {
                return s + "s";
            }
            if (s < 3600) {
                return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
            }
            return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s / 60) % 60) + "m";
        }
    }
}
