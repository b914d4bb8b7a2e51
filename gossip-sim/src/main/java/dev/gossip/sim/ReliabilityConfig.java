package dev.gossip.sim;

import dev.gossip.DisseminationConfig;
import dev.gossip.MembershipConfig;
import java.util.List;
import java.util.Objects;

/**
 * The reliability experiment of the SCAMP paper: how often one gossip reaches every surviving node
 * after a fraction of the nodes crash. For every {@code c}, overlays of {@code nodes} nodes are
 * built by sequential joins (as in {@link ViewsConfig}), one for every {@code patterns} trials; in
 * each trial, for every {@code fail}, a uniformly random fraction {@code fail} of the nodes crash
 * (no repair), one random live node gossips once over {@link #gossipNetwork()}, and the crashed
 * nodes come back before the next {@code fail} (so one overlay serves every {@code fail} of its
 * trials; overlays are independent). Over a lossless network with a fixed latency the flood is
 * computed as a breadth-first pass over the partial views, which gives the event queue's result
 * exactly ({@code ReachGraph}); otherwise, and for the tree, every datagram is an event.
 *
 * <p>Protocols: {@code scamp} floods over the partial views; {@code global} is the paper's
 * comparison, where every node knows all {@code n} and forwards to {@code ln n + c} nodes drawn
 * uniformly (the fanout rounded at random between floor and ceiling so that its mean is exact),
 * whose chance of reaching everyone tends to {@code exp(-exp(-c))}.
 *
 * <p>Disseminations (over the {@code scamp} overlay; {@code global} always floods): {@code flood}
 * sends the payload over every partial-view link; {@code tree} runs the engine's eager/lazy push
 * ({@link dev.gossip.core.PushTree}) per node. A tree needs messages to form (its links start
 * eager, and duplicates prune them), so before each {@code fail} a tree trial broadcasts {@code
 * warmup} messages from uniformly random nodes of the intact overlay, each run to quiescence, and
 * only then crashes the nodes and broadcasts the measured message, run until it and its repair
 * (announcements, grafts, their timers) are quiescent. The warm-up sources draw from a generator of
 * their own, so a trial's overlay, crashed nodes and source are the same for both disseminations.
 *
 * @param nodes the cluster size, at least 2; default 10,000
 * @param cs the values of {@code c}; default 0 to 3
 * @param fails the crashed fractions, each in [0, 1); default 0, 0.1, ..., 0.5
 * @param trials trials per {@code c}, at least 1; default {@value #DEFAULT_TRIALS}
 * @param protocols {@code scamp} and/or {@code global}; default both
 * @param seed the master seed; overlay {@code o} of {@code c} (trials {@code o·patterns} to
 *     {@code (o+1)·patterns - 1}) derives its seed from {@code (seed, n, c, o)}, a {@code global}
 *     trial {@code t} from {@code (seed, n, c, t)}
 * @param membership the membership settings; its {@code c} is replaced by each of {@code cs};
 *     default {@link ViewsConfig#EXPERIMENT_MEMBERSHIP} (indirection off)
 * @param gossipNetwork the network the gossip (warm-up included) travels over (the overlay is built
 *     losslessly); default lossless
 * @param disseminations {@code FLOOD} and/or {@code TREE}, each run on the same trials; default
 *     {@code FLOOD}
 * @param warmup broadcasts that let a tree form before each measured one, 0 or more; default
 *     {@value #DEFAULT_WARMUP}. Unused by the flood.
 * @param tree the tree's timers ({@code announceInterval}, {@code graftTimeout}); its mode is
 *     ignored; default {@link DisseminationConfig#tree()} (100 ms, 200 ms: two orders of magnitude
 *     above the default network's 1 ms a hop, so only a broken branch grafts)
 * @param patterns failure patterns per grown overlay, at least 1; default 1 (one overlay a trial).
 *     With {@code K}, each overlay serves {@code K} trials in a row, each drawing its own crash sets
 *     and sources, so {@code trials} trials grow {@code ceil(trials / K)} overlays (the rows'
 *     {@code overlays}). The trials of one overlay are not independent of each other (they share
 *     its graph), which the paper's methodology allows; a {@code p_all_reached} from {@code K}
 *     patterns on {@code T/K} overlays matches one from {@code T} overlays within sampling error
 *     ({@code PatternsTest}). {@code global} grows no overlay and ignores it.
 * @param firstTrial the index of the first trial run, 0 or more; default 0. Trial {@code t} (of
 *     {@code c}) is the same whichever range it runs in, so trial ranges can run as separate jobs
 *     (docs/simulation.md, "Across machines"); must be a multiple of {@code patterns}, so that no
 *     overlay is split between two ranges.
 * @param threads how many trials run at once, at least 1; default every core. The rows do not
 *     depend on it: each trial draws from its own seed and the trials are merged in trial order.
 */
public record ReliabilityConfig(
        int nodes,
        List<Integer> cs,
        List<Double> fails,
        int trials,
        List<String> protocols,
        long seed,
        MembershipConfig membership,
        NetworkConfig gossipNetwork,
        List<DisseminationConfig.Mode> disseminations,
        int warmup,
        DisseminationConfig tree,
        int patterns,
        int firstTrial,
        int threads) {

    /** Default {@link #trials()}. */
    public static final int DEFAULT_TRIALS = 20;
    /**
     * Default {@link #warmup()}. On the default lossless network one broadcast already prunes the
     * links to a spanning tree (500 nodes, c = 1: 21.2 payloads a node for the first, 0.998 from
     * the second on, no graft or prune after it); the rest settle it when latency varies or
     * datagrams are lost.
     */
    public static final int DEFAULT_WARMUP = 20;
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
        Objects.requireNonNull(disseminations, "disseminations");
        if (disseminations.isEmpty()
                || disseminations.stream().anyMatch(Objects::isNull)
                || disseminations.stream().distinct().count() != disseminations.size()) {
            throw new IllegalArgumentException("disseminations must be flood and/or tree, each once, was "
                    + disseminations.stream()
                            .map(m -> m == null ? "null" : m.label())
                            .toList());
        }
        disseminations = List.copyOf(disseminations);
        Check.atLeast("warmup", warmup, 0);
        Objects.requireNonNull(tree, "tree");
        Check.atLeast("patterns", patterns, 1);
        Check.atLeast("firstTrial", firstTrial, 0);
        if (firstTrial % patterns != 0) {
            throw new IllegalArgumentException("firstTrial must be a multiple of patterns (" + patterns
                    + ") so that no overlay is split between trial ranges, was " + firstTrial);
        }
        Check.atLeast("threads", threads, 1);
    }

    /** @return the number of overlays the {@code scamp} trials grow per {@code c}: {@code ceil(trials / patterns)} */
    public int overlays() {
        return (trials + patterns - 1) / patterns;
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
        private List<DisseminationConfig.Mode> disseminations = List.of(DisseminationConfig.Mode.FLOOD);
        private int warmup = DEFAULT_WARMUP;
        private DisseminationConfig tree = DisseminationConfig.tree();
        private int patterns = 1;
        private int firstTrial;
        private int threads = Workers.allCores();

        private Builder() {}

        /** @param patterns see {@link ReliabilityConfig#patterns()} @return this */
        public Builder patterns(int patterns) {
            this.patterns = Check.atLeast("patterns", patterns, 1);
            return this;
        }

        /** @param trial see {@link ReliabilityConfig#firstTrial()} @return this */
        public Builder firstTrial(int trial) {
            this.firstTrial = Check.atLeast("firstTrial", trial, 0);
            return this;
        }

        /** @param threads see {@link ReliabilityConfig#threads()} @return this */
        public Builder threads(int threads) {
            this.threads = Check.atLeast("threads", threads, 1);
            return this;
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

        /** @param modes see {@link ReliabilityConfig#disseminations()} @return this */
        public Builder disseminations(List<DisseminationConfig.Mode> modes) {
            this.disseminations = List.copyOf(modes);
            return this;
        }

        /** @param broadcasts see {@link ReliabilityConfig#warmup()} @return this */
        public Builder warmup(int broadcasts) {
            this.warmup = Check.atLeast("warmup", broadcasts, 0);
            return this;
        }

        /** @param config see {@link ReliabilityConfig#tree()} @return this */
        public Builder tree(DisseminationConfig config) {
            this.tree = Objects.requireNonNull(config, "tree");
            return this;
        }

        /** @return the validated config */
        public ReliabilityConfig build() {
            return new ReliabilityConfig(
                    nodes,
                    cs,
                    fails,
                    trials,
                    protocols,
                    seed,
                    membership,
                    gossipNetwork,
                    disseminations,
                    warmup,
                    tree,
                    patterns,
                    firstTrial,
                    threads);
        }
    }
}
