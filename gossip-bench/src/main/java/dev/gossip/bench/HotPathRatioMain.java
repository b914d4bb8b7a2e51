package dev.gossip.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link HotPathBenchmark}'s two bodies, timed in the CPU time of the thread that runs them, so that
 * a shared, noisy machine still gives a ratio: JMH times wall-clock iterations one benchmark after
 * the other, and on a machine with a load average several times its core count the load, not the
 * code, decides both the scores and their ratio. Here the same benchmark objects ({@code
 * receiveAndForward} and {@code baseline}, each dissemination mode) run in alternating batches, the
 * order swapped every round, and each round gives one ratio of CPU nanoseconds per operation; the
 * median and interquartile range over the rounds are printed. CPU time still includes the caches
 * the other processes take, so read the ratio, not the absolute times.
 *
 * <pre>
 * java -cp gossip-bench/target/benchmarks.jar dev.gossip.bench.HotPathRatioMain [--rounds 21] [--ops 200000]
 * </pre>
 *
 * The target is printed, not asserted: receiveAndForward at most 1.5 times the baseline.
 */
public final class HotPathRatioMain {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private HotPathRatioMain() {}

    /**
     * Runs the comparison.
     *
     * @param args {@code --rounds N} (default 21), {@code --ops N} per batch (default 200,000)
     */
    public static void main(String[] args) {
        int rounds = 21;
        int ops = 200_000;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--rounds" -> rounds = positive("--rounds", value);
                case "--ops" -> ops = positive("--ops", value);
                case "--help", "-h" -> {
                    System.out.println("usage: HotPathRatioMain [--rounds N (21)] [--ops N per batch (200000)]");
                    return;
                }
                default -> {
                    System.err.println("unknown option '" + args[i] + "' (--rounds, --ops, --help)");
                    System.exit(2);
                }
            }
            i++;
        }
        Blackhole blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        System.out.printf(
                "%-13s | %28s | %24s | %s%n",
                "dissemination",
                "receiveAndForward CPU ns/op",
                "baseline CPU ns/op",
                "ratio, median [p25, p75] of " + rounds + " rounds");
        for (String mode : new String[] {"flood", "tree"}) {
            HotPathBenchmark bench = new HotPathBenchmark();
            bench.viewSize = 8;
            bench.payloadBytes = 64;
            bench.dissemination = mode;
            bench.setup(blackhole);
            System.err.println("warming up " + mode + " ...");
            for (int w = 0; w < 10; w++) {
                engine(bench, ops);
                baseline(bench, blackhole, ops);
            }
            double[] engineNs = new double[rounds];
            double[] baselineNs = new double[rounds];
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                if (r % 2 == 0) {
                    engineNs[r] = engine(bench, ops);
                    baselineNs[r] = baseline(bench, blackhole, ops);
                } else {
                    baselineNs[r] = baseline(bench, blackhole, ops);
                    engineNs[r] = engine(bench, ops);
                }
                ratio[r] = engineNs[r] / baselineNs[r];
                System.err.printf("%s round %d/%d: ratio %.2f%n", mode, r + 1, rounds, ratio[r]);
            }
            if (bench.dropped() != 0 || bench.delivered() == 0) {
                throw new IllegalStateException("the engine dropped " + bench.dropped() + " and delivered "
                        + bench.delivered() + ": the benchmark is not measuring the hot path");
            }
            System.out.printf(
                    "%-13s | %28.1f | %24.1f | %.2f [%.2f, %.2f] (target <= 1.5)%n",
                    mode,
                    quantile(engineNs, 0.5),
                    quantile(baselineNs, 0.5),
                    quantile(ratio, 0.5),
                    quantile(ratio, 0.25),
                    quantile(ratio, 0.75));
        }
    }

    private static double engine(HotPathBenchmark bench, int ops) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
            bench.receiveAndForward();
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / (double) ops;
    }

    private static double baseline(HotPathBenchmark bench, Blackhole blackhole, int ops) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
            blackhole.consume(bench.baseline(blackhole));
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / (double) ops;
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }

    private static int positive(String option, @Nullable String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println(option + " must be a positive integer, was '" + value + "'");
        System.exit(2);
        return 0;
    }
}
