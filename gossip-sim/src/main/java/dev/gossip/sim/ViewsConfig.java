package dev.gossip.sim;

import dev.gossip.MembershipConfig;
import java.util.List;
import java.util.Objects;

/**
 * The views experiment: how large partial views grow. For every {@code n} and {@code c}, each of
 * {@code runs} runs builds an overlay of {@code n} nodes by sequential joins (each through a
 * uniformly random node already there, each run to quiescence before the next, over a lossless
 * network) and measures the views. SCAMP predicts a mean partial view of about
 * {@code (c+1)·ln n}.
 *
 * @param nodes the cluster sizes, each 2 to {@value #MAX_NODES}; default 1,000 and 10,000
 * @param cs the values of {@code c}, each 0 to {@value MembershipConfig#MAX_C}; default 0 to 3
 * @param runs runs per {@code (n, c)}, at least 1; default {@value #DEFAULT_RUNS}. The mean view
 *     depends on the path of the first joins, so average over several runs.
 * @param seed the master seed; run {@code r} of {@code (n, c)} uses a seed derived from
 *     {@code (seed, n, c, r)}, so a row does not depend on the other rows asked for
 * @param membership the membership settings; its {@code c} is replaced by each of {@code cs}. Default
 *     {@link #EXPERIMENT_MEMBERSHIP}.
 * @param threads how many runs are simulated at once, at least 1; default every core. The rows do
 *     not depend on it (each run draws from its own seed; runs are merged in run order); the heap
 *     needed grows with it (about 4.4 KB a node for each run in progress).
 */
public record ViewsConfig(
        List<Integer> nodes, List<Integer> cs, int runs, long seed, MembershipConfig membership, int threads) {

    /**
     * The membership settings the experiments use unless told otherwise: the defaults with
     * indirection off. The experiments already join through uniformly random contacts, which is
     * what indirection approximates; with it on, the walk's end nodes have smaller views than
     * average (measured: each join adds 0.24 links fewer at c = 0, 0.42 at c = 1, n = 1,000) and
     * the mean view ends up 17-25% lower, which would hide the protocol's own behaviour.
     */
    public static final MembershipConfig EXPERIMENT_MEMBERSHIP =
            MembershipConfig.builder().indirectionWalk(0).build();

    /** Largest cluster size. */
    public static final int MAX_NODES = 10_000_000;
    /** Default {@link #runs()}. */
    public static final int DEFAULT_RUNS = 3;

    /**
     * Validates every component.
     *
     * @throws NullPointerException if a component is {@code null}
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public ViewsConfig {
        nodes = Check.ints("nodes", nodes, 2, MAX_NODES);
        cs = Check.ints("cs", cs, 0, MembershipConfig.MAX_C);
        Check.atLeast("runs", runs, 1);
        Objects.requireNonNull(membership, "membership");
        Check.atLeast("threads", threads, 1);
    }

    /** @return a builder with every default */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ViewsConfig}; every setter returns {@code this}. Not thread-safe. */
    public static final class Builder {
        private List<Integer> nodes = List.of(1_000, 10_000);
        private List<Integer> cs = List.of(0, 1, 2, 3);
        private int runs = DEFAULT_RUNS;
        private long seed = 1;
        private MembershipConfig membership = ViewsConfig.EXPERIMENT_MEMBERSHIP;
        private int threads = Workers.allCores();

        private Builder() {}

        /** @param threads see {@link ViewsConfig#threads()} @return this */
        public Builder threads(int threads) {
            this.threads = Check.atLeast("threads", threads, 1);
            return this;
        }

        /** @param nodes see {@link ViewsConfig#nodes()} @return this */
        public Builder nodes(List<Integer> nodes) {
            this.nodes = Check.ints("nodes", nodes, 2, MAX_NODES);
            return this;
        }

        /** @param cs see {@link ViewsConfig#cs()} @return this */
        public Builder cs(List<Integer> cs) {
            this.cs = Check.ints("cs", cs, 0, MembershipConfig.MAX_C);
            return this;
        }

        /** @param runs see {@link ViewsConfig#runs()} @return this */
        public Builder runs(int runs) {
            this.runs = Check.atLeast("runs", runs, 1);
            return this;
        }

        /** @param seed see {@link ViewsConfig#seed()} @return this */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param membership see {@link ViewsConfig#membership()} @return this */
        public Builder membership(MembershipConfig membership) {
            this.membership = Objects.requireNonNull(membership, "membership");
            return this;
        }

        /** @return the validated config */
        public ViewsConfig build() {
            return new ViewsConfig(nodes, cs, runs, seed, membership, threads);
        }
    }
}
