package dev.gossip.sim;

import dev.gossip.scamp.ScampMembershipProvider;
import dev.gossip.spi.MembershipProvider;
import java.util.List;
import java.util.Objects;

/**
 * The experiments, as calls that return rows: what the {@code gossip simulate} command runs.
 * Each is deterministic: the same config gives the same rows. Write the rows with
 * {@link RowWriter} and draw them with {@link Plots}.
 *
 * <p>Each call returns when its experiment is done and may take minutes at large sizes. Views and
 * reliability run their independent units (runs, overlays, trials) on the config's {@code
 * threads} threads, several churn runs on the {@code threads} given; the rows are the same for any
 * thread count. {@code progress} hears about it one call at a time, from the calling thread or a
 * worker thread.
 */
public final class Experiments {

    private Experiments() {}

    /** @return the membership the experiments run when none is given: SCAMP */
    public static MembershipProvider defaultMembership() {
        return new ScampMembershipProvider();
    }

    /**
     * {@link #views(ViewsConfig, MembershipProvider, Progress)} with SCAMP.
     *
     * @param config sizes, values of {@code c}, runs, seed
     * @param progress hears about progress
     * @return one row per {@code (n, c)}
     */
    public static List<ViewsRow> views(ViewsConfig config, Progress progress) {
        return views(config, defaultMembership(), progress);
    }

    /**
     * {@link #reliability(ReliabilityConfig, MembershipProvider, Progress)} with SCAMP.
     *
     * @param config size, values of {@code c}, failed fractions, trials, protocols, seed
     * @param progress hears about progress
     * @return one row per {@code (protocol, c, fail)}
     */
    public static List<ReliabilityRow> reliability(ReliabilityConfig config, Progress progress) {
        return reliability(config, defaultMembership(), progress);
    }

    /**
     * {@link #churn(ChurnConfig, MembershipProvider, Progress)} with SCAMP.
     *
     * @param config population, churn rate, duration, sampling, lease, network, seed
     * @param progress hears about progress
     * @return one row per sample
     */
    public static List<ChurnRow> churn(ChurnConfig config, Progress progress) {
        return churn(config, defaultMembership(), progress);
    }

    /**
     * Mean, spread and extremes of partial-view sizes against {@code (c+1)·ln n}.
     *
     * @param config sizes, values of {@code c}, runs, seed
     * @param membership the membership every node runs
     * @param progress hears about progress
     * @return one row per {@code (n, c)}, in the order of {@code nodes} then {@code cs}
     */
    public static List<ViewsRow> views(ViewsConfig config, MembershipProvider membership, Progress progress) {
        return ViewsExperiment.run(
                Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(membership, "membership"),
                Objects.requireNonNull(progress, "progress"));
    }

    /**
     * Probability that one gossip reaches every live node after crashes, for SCAMP and for the
     * paper's global-knowledge comparison.
     *
     * @param config size, values of {@code c}, failed fractions, trials, protocols, seed
     * @param membership the membership every node runs (for protocol {@code scamp})
     * @param progress hears about progress
     * @return one row per {@code (protocol, c, fail)}, in the order of {@code protocols}, {@code cs},
     *     {@code fails}
     */
    public static List<ReliabilityRow> reliability(
            ReliabilityConfig config, MembershipProvider membership, Progress progress) {
        return ReliabilityExperiment.run(
                Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(membership, "membership"),
                Objects.requireNonNull(progress, "progress"));
    }

    /**
     * View size, link consistency, connectivity and reliability over time while nodes come and go,
     * with heartbeats on.
     *
     * @param config population, churn rate, duration, sampling, network, seed
     * @param membership the membership every node runs
     * @param progress hears about progress (virtual nanoseconds done of the total)
     * @return one row per sample, in time order
     */
    public static List<ChurnRow> churn(ChurnConfig config, MembershipProvider membership, Progress progress) {
        return ChurnExperiment.run(
                Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(membership, "membership"),
                Objects.requireNonNull(progress, "progress"));
    }

    /**
     * Several churn runs at once, for instance the same settings under several seeds: each config
     * is one run on one of {@code threads} threads (each run draws from its own seed only), and the
     * rows come back run after run in the order of {@code configs}, the same for any thread count.
     *
     * @param configs the runs
     * @param membership the membership every node runs
     * @param progress hears about progress, one call at a time (stages name the seed)
     * @param threads runs simulated at once, at least 1
     * @return the rows of the first run, then of the second, ...
     */
    public static List<ChurnRow> churn(
            List<ChurnConfig> configs, MembershipProvider membership, Progress progress, int threads) {
        Objects.requireNonNull(configs, "configs");
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(progress, "progress");
        Object lock = new Object();
        Progress serial = (stage, done, total) -> {
            synchronized (lock) {
                progress.report(stage, done, total);
            }
        };
        try (Workers workers = new Workers(threads)) {
            List<Workers.Result<List<ChurnRow>>> runs = new java.util.ArrayList<>();
            for (ChurnConfig config : configs) {
                Objects.requireNonNull(config, "configs holds null");
                Progress named = configs.size() == 1
                        ? serial
                        : (stage, done, total) -> serial.report(stage + " seed=" + config.seed(), done, total);
                runs.add(workers.submit(() -> ChurnExperiment.run(config, membership, named)));
            }
            List<ChurnRow> rows = new java.util.ArrayList<>();
            for (Workers.Result<List<ChurnRow>> run : runs) {
                rows.addAll(run.get());
            }
            return rows;
        }
    }

    /**
     * How far the simulator scales: {@code n} sequential joins through random contacts, each run
     * to quiescence, then one broadcast from node 0; wall time, events and heap (see
     * {@link ScaleRow}). Asks for full collections to measure the heap. With the default
     * (SCAMP) membership it runs on {@link IndexedSimulation}: a million nodes at {@code c = 1} keep
     * about 0.6 GB of heap live.
     *
     * @param n nodes, at least 1
     * @param c SCAMP's redundancy parameter
     * @param seed master seed
     * @param progress hears about progress (joins done of {@code n}, then the broadcast)
     * @return the measurement
     */
    public static ScaleRow scale(int n, int c, long seed, Progress progress) {
        return ScaleExperiment.run(n, c, seed, defaultMembership(), Objects.requireNonNull(progress, "progress"));
    }
}
