package dev.gossip.sim;

import dev.gossip.MembershipConfig;
import java.util.List;
import java.util.Objects;

/**
 * The reliability experiment of the SCAMP paper: how often one gossip reaches every surviving node
 * after a fraction of the nodes crash. For every {@code c} and each of {@code trials} trials, an
 * overlay of {@code nodes} nodes is built by sequential joins (as in {@link ViewsConfig}); then for
 * every {@code fail} a uniformly random fraction {@code fail} of the nodes crash (no repair), one
 * random live node gossips once over {@link #gossipNetwork()}, and the crashed nodes come back
 * before the next {@code fail} (so one overlay serves every {@code fail} of a trial; trials are
 * independent).
 *
 * <p>Protocols: {@code scamp} floods over the partial views; {@code global} is the paper's
 * comparison, where every node knows all {@code n} and forwards to {@code ln n + c} nodes drawn
 * uniformly (the fanout rounded at random between floor and ceiling so that its mean is exact),
 * whose chance of reaching everyone tends to {@code exp(-exp(-c))}.
 *
 * @param nodes the cluster size, at least 2; default 10,000
 * @param cs the values of {@code c}; default 0 to 3
 * @param fails the crashed fractions, each in [0, 1); default 0, 0.1, ..., 0.5
 * @param trials trials per {@code c}, at least 1; default {@value #DEFAULT_TRIALS}
 * @param protocols {@code scamp} and/or {@code global}; default both
 * @param seed the master seed; trial {@code t} of {@code c} derives its seed from
 *     {@code (seed, n, c, t)}
 * @param membership the membership settings; its {@code c} is replaced by each of {@code cs};
 *     default {@link ViewsConfig#EXPERIMENT_MEMBERSHIP} (indirection off)
 * @param gossipNetwork the network the gossip travels over (the overlay is built losslessly);
 *     default lossless
 */
public record ReliabilityConfig(int nodes, List<Integer> cs, List<Double> fails, int trials,
                                List<String> protocols, long seed, MembershipConfig membership,
                                NetworkConfig gossipNetwork) {

    /** Default {@link #trials()}. */
    public static final int DEFAULT_TRIALS = 20;
    /** The flood over SCAMP partial views. */
    public static final String SCAMP = "scamp";
    /** The paper's comparison: fanout {@code ln n + c} to nodes drawn from all. */
    public static final String GLOBAL = "global";

    /**
     * Validates every component.
     *
     * @throws NullPointerException if a component is {@code null}
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public ReliabilityConfig {
        Check.atLeast("nodes", nodes, 2);
        cs = Check.ints("cs", cs, 0, MembershipConfig.MAX_C);
        Objects.requireNonNull(fails, "fails");
        if (fails.isEmpty()) {
            throw new IllegalArgumentException("fails must not be empty");
        }
        for (Double f : fails) {
            Check.fraction("fails", f == null ? Double.NaN : f, 1);
        }
        fails = List.copyOf(fails);
        Check.atLeast("trials", trials, 1);
        Objects.requireNonNull(protocols, "protocols");
        if (protocols.isEmpty() || !List.of(SCAMP, GLOBAL).containsAll(protocols)) {
            throw new IllegalArgumentException("protocols must be some of [scamp, global], was " + protocols);
        }
        protocols = List.copyOf(protocols);
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(gossipNetwork, "gossipNetwork");
    }

    /** @return a builder with every default */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ReliabilityConfig}; every setter returns {@code this}. Not thread-safe. */
    public static final class Builder {
        private int nodes = 10_000;
        private List<Integer> cs = List.of(0, 1, 2, 3);
        private List<Double> fails = List.of(0.0, 0.1, 0.2, 0.3, 0.4, 0.5);
        private int trials = DEFAULT_TRIALS;
        private List<String> protocols = List.of(SCAMP, GLOBAL);
        private long seed = 1;
        private MembershipConfig membership = ViewsConfig.EXPERIMENT_MEMBERSHIP;
        private NetworkConfig gossipNetwork = NetworkConfig.lossless();

        private Builder() {
        }

        /** @param nodes see {@link ReliabilityConfig#nodes()} @return this */
        public Builder nodes(int nodes) {
            this.nodes = Check.atLeast("nodes", nodes, 2);
            return this;
        }

        /** @param cs see {@link ReliabilityConfig#cs()} @return this */
        public Builder cs(List<Integer> cs) {
            this.cs = Check.ints("cs", cs, 0, MembershipConfig.MAX_C);
            return this;
        }

        /** @param fails see {@link ReliabilityConfig#fails()} @return this */
        public Builder fails(List<Double> fails) {
            this.fails = List.copyOf(fails);
            return this;
        }

        /** @param trials see {@link ReliabilityConfig#trials()} @return this */
        public Builder trials(int trials) {
            this.trials = Check.atLeast("trials", trials, 1);
            return this;
        }

        /** @param protocols see {@link ReliabilityConfig#protocols()} @return this */
        public Builder protocols(List<String> protocols) {
            this.protocols = List.copyOf(protocols);
            return this;
        }

        /** @param seed see {@link ReliabilityConfig#seed()} @return this */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param membership see {@link ReliabilityConfig#membership()} @return this */
        public Builder membership(MembershipConfig membership) {
            this.membership = Objects.requireNonNull(membership, "membership");
            return this;
        }

        /** @param network see {@link ReliabilityConfig#gossipNetwork()} @return this */
        public Builder gossipNetwork(NetworkConfig network) {
            this.gossipNetwork = Objects.requireNonNull(network, "gossipNetwork");
            return this;
        }

        /** @return the validated config */
        public ReliabilityConfig build() {
            return new ReliabilityConfig(nodes, cs, fails, trials, protocols, seed, membership, gossipNetwork);
        }
    }
}
