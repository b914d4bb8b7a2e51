package dev.gossip.sim;

import dev.gossip.DisseminationConfig;
import dev.gossip.MembershipConfig;
import dev.gossip.scamp.ScampMembershipProvider;
import dev.gossip.spi.MembershipProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/** Runs {@link ReliabilityConfig}. */
final class ReliabilityExperiment {

    /** Salt of the warm-up sources' seed, so that they leave the trial's own draws untouched. */
    private static final long WARMUP_STREAM = 0x7472656557L;
    /** Salt of the seeds of an overlay's failure patterns after the first. */
    private static final long PATTERN_STREAM = 0x7061747465726eL;

    private ReliabilityExperiment() {}

    /** Per-{@code fail} tallies over the trials of one protocol, dissemination and {@code c}. */
    static final class Tally {
        int all;
        double fracSum;
        double payloadSum;
        double controlSum;
        double hopsSum;

        void add(long reached, int up, long payload, long control, int maxHops) {
            if (reached == up) {
                all++;
            }
            fracSum += (double) reached / up;
            payloadSum += (double) payload / up;
            controlSum += (double) control / up;
            hopsSum += maxHops;
        }

        ReliabilityRow row(
                String protocol, DisseminationConfig.Mode mode, int n, int c, double fail, int trials, int overlays) {
            return new ReliabilityRow(
                    protocol,
                    n,
                    c,
                    fail,
                    trials,
                    (double) all / trials,
                    fracSum / trials,
                    (payloadSum + controlSum) / trials,
                    mode.label(),
                    payloadSum / trials,
                    controlSum / trials,
                    hopsSum / trials,
                    overlays);
        }
    }

    static List<ReliabilityRow> run(ReliabilityConfig config, MembershipProvider provider, Progress progress) {
        return run(config, provider, progress, true);
    }

    /**
     * @param reachability whether a flood over a lossless network with a fixed latency may be
     *     answered by {@link ReachGraph} instead of the event queue (the same rows either way; {@code
     *     false} only to show that)
     */
    static List<ReliabilityRow> run(
            ReliabilityConfig config, MembershipProvider provider, Progress progress, boolean reachability) {
        return run(
                config,
                provider,
                progress,
                reachability,
                !ScaleExperiment.OBJECTS.equals(System.getProperty(ScaleExperiment.LAYOUT_PROPERTY)));
    }

    /**
     * @param reachability as above
     * @param indexed whether overlays answered by {@link ReachGraph} may be grown on the int-indexed
     *     SCAMP ({@link IndexedSimulation}: the same views, order included, several times faster; SCAMP
     *     without indirection only) instead of one {@code ScampMembership} per node (the same rows
     *     either way; {@code false} only to show that, or with {@code -Dgossip.sim.layout=objects})
     */
    static List<ReliabilityRow> run(
            ReliabilityConfig config,
            MembershipProvider provider,
            Progress progress,
            boolean reachability,
            boolean indexed) {
        int n = config.nodes();
        int fails = config.fails().size();
        int patterns = config.patterns();
        boolean fast = reachability && config.gossipNetwork().isLosslessFixedLatency();
        boolean indexedGrowth = fast
                && indexed
                && ScampMembershipProvider.NAME.equals(provider.name())
                && config.membership().indirectionWalk() == 0;
        List<Stage> stages = new ArrayList<>();
        try (Workers workers = new Workers(config.threads())) {
            for (String protocol : config.protocols()) {
                boolean scamp = protocol.equals(ReliabilityConfig.SCAMP);
                for (DisseminationConfig.Mode mode :
                        scamp ? config.disseminations() : List.of(DisseminationConfig.Mode.FLOOD)) {
                    boolean tree = mode == DisseminationConfig.Mode.TREE;
                    for (int c : config.cs()) {
                        Stage stage = new Stage(protocol, mode, c);
                        stage.name = "reliability " + protocol + (tree ? " tree" : "") + " n=" + n + " c=" + c;
                        if (!scamp) {
                            for (int t = 0; t < config.trials(); t++) {
                                long seed = Seeds.derive(config.seed(), n, c, config.firstTrial() + t);
                                stage.units.add(workers.submit(() -> globalTrial(config, c, seed)));
                            }
                        } else {
                            int firstOverlay = config.firstTrial() / patterns;
                            for (int o = 0; o < config.overlays(); o++) {
                                long seed = Seeds.derive(config.seed(), n, c, firstOverlay + o);
                                int k = Math.min(patterns, config.trials() - o * patterns);
                                stage.units.add(workers.submit(() -> tree
                                        ? treeTrials(config, provider, c, seed, k)
                                        : scampTrials(config, provider, c, seed, k, fast, indexedGrowth)));
                            }
                            stage.overlays = config.overlays();
                        }
                        stages.add(stage);
                    }
                }
            }
            List<ReliabilityRow> rows = new ArrayList<>();
            for (Stage stage : stages) {
                Tally[] tallies = new Tally[fails];
                for (int f = 0; f < fails; f++) {
                    tallies[f] = new Tally();
                }
                int done = 0;
                progress.report(stage.name, 0, config.trials());
                for (Workers.Result<Outcomes> unit : stage.units) {
                    Outcomes outcomes = unit.get();
                    outcomes.addTo(tallies);
                    done += outcomes.trials;
                    progress.report(stage.name, done, config.trials());
                }
                for (int f = 0; f < fails; f++) {
                    rows.add(tallies[f].row(
                            stage.protocol,
                            stage.mode,
                            n,
                            stage.c,
                            config.fails().get(f),
                            config.trials(),
                            stage.overlays));
                }
            }
            return rows;
        }
    }

    /** One row group's units, in trial order. */
    private static final class Stage {
        final String protocol;
        final DisseminationConfig.Mode mode;
        final int c;
        final List<Workers.Result<Outcomes>> units = new ArrayList<>();
        String name = "";
        int overlays;

        Stage(String protocol, DisseminationConfig.Mode mode, int c) {
            this.protocol = protocol;
            this.mode = mode;
            this.c = c;
        }
    }

    /** What the trials of one unit (one overlay's patterns, or one global trial) measured, per fail. */
    static final class Outcomes {
        final int trials;
        final int fails;
        final long[] reached;
        final int[] up;
        final long[] payload;
        final long[] control;
        final int[] hops;

        Outcomes(int trials, int fails) {
            this.trials = trials;
            this.fails = fails;
            int size = trials * fails;
            reached = new long[size];
            up = new int[size];
            payload = new long[size];
            control = new long[size];
            hops = new int[size];
        }

        void set(int trial, int f, long reachedCount, int upCount, long payloadCount, long controlCount, int maxHops) {
            int i = trial * fails + f;
            reached[i] = reachedCount;
            up[i] = upCount;
            payload[i] = payloadCount;
            control[i] = controlCount;
            hops[i] = maxHops;
        }

        /** Adds trial by trial, in order: the sums do not depend on which thread ran what. */
        void addTo(Tally[] tallies) {
            for (int t = 0; t < trials; t++) {
                for (int f = 0; f < fails; f++) {
                    int i = t * fails + f;
                    tallies[f].add(reached[i], up[i], payload[i], control[i], hops[i]);
                }
            }
        }
    }

    /**
     * The generator of pattern {@code p} of an overlay: pattern 0 goes on with the generator that
     * grew the overlay (so one pattern is exactly the trial of before), each later one draws from a
     * seed of its own.
     */
    private static SplittableRandom patternRandom(SplittableRandom grower, long overlaySeed, int p) {
        return p == 0 ? grower : new SplittableRandom(Seeds.derive(overlaySeed, PATTERN_STREAM, p));
    }

    private static Outcomes scampTrials(
            ReliabilityConfig config,
            MembershipProvider provider,
            int c,
            long seed,
            int patterns,
            boolean fast,
            boolean indexed) {
        int n = config.nodes();
        MembershipConfig membership = config.membership().toBuilder().c(c).build();
        SplittableRandom grower = new SplittableRandom(seed);
        ReachGraph graph;
        Simulator events;
        if (indexed) {
            // the same overlay, grown on int ids (IndexedSimulationTest: every view, order included)
            IndexedSimulation sim = new IndexedSimulation(seed, membership, true);
            Overlay.grow(sim, n, grower, Progress.none(), "");
            graph = ReachGraph.of(sim);
            events = null;
        } else {
            Simulator sim = Simulator.builder(provider)
                    .seed(seed)
                    .membershipConfig(membership)
                    .build();
            Overlay.grow(sim, n, grower, Progress.none(), "");
            graph = fast ? ReachGraph.of(sim) : null;
            // Only the graph is needed on the fast path; dropping the simulator lets a large overlay go.
            events = fast ? null : sim;
        }
        boolean[] down = new boolean[fast ? n : 0];
        int fails = config.fails().size();
        Outcomes outcomes = new Outcomes(patterns, fails);
        for (int p = 0; p < patterns; p++) {
            SplittableRandom random = patternRandom(grower, seed, p);
            int[] order = identity(n);
            for (int f = 0; f < fails; f++) {
                int crashed = crashCount(config.fails().get(f), n);
                partialShuffle(order, crashed, random);
                int source;
                if (graph != null) {
                    for (int i = 0; i < crashed; i++) {
                        down[order[i]] = true;
                    }
                    source = order[crashed + random.nextInt(n - crashed)];
                    int reached = graph.flood(down, source);
                    outcomes.set(p, f, reached, n - crashed, graph.messages(), 0, graph.maxHops());
                    for (int i = 0; i < crashed; i++) {
                        down[order[i]] = false;
                    }
                    continue;
                }
                Simulator live = Objects.requireNonNull(events, "the event path keeps its simulator");
                for (int i = 0; i < crashed; i++) {
                    live.crash(order[i]);
                }
                source = order[crashed + random.nextInt(n - crashed)];
                live.network(config.gossipNetwork());
                Broadcast b = live.broadcast(source);
                live.runUntilQuiescent();
                outcomes.set(p, f, b.reached(), n - crashed, b.messages(), 0, b.maxHops());
                live.network(NetworkConfig.lossless());
                for (int i = 0; i < crashed; i++) {
                    live.recover(order[i]);
                }
            }
        }
        return outcomes;
    }

    /**
     * {@link #scampTrials} with the tree, on the event path: the same overlay, crashed nodes and
     * source (the warm-up sources draw from a generator of their own), and before each crash {@code
     * warmup} broadcasts on the intact overlay, each run to quiescence, so that the measured one
     * meets a formed tree.
     */
    private static Outcomes treeTrials(
            ReliabilityConfig config, MembershipProvider provider, int c, long seed, int patterns) {
        int n = config.nodes();
        MembershipConfig membership = config.membership().toBuilder().c(c).build();
        Simulator sim = Simulator.builder(provider)
                .seed(seed)
                .membershipConfig(membership)
                .dissemination(config.tree().withMode(DisseminationConfig.Mode.TREE))
                .build();
        SplittableRandom grower = new SplittableRandom(seed);
        SplittableRandom warmupSources = new SplittableRandom(Seeds.derive(seed, WARMUP_STREAM));
        Overlay.grow(sim, n, grower, Progress.none(), "");
        int fails = config.fails().size();
        Outcomes outcomes = new Outcomes(patterns, fails);
        for (int p = 0; p < patterns; p++) {
            SplittableRandom random = patternRandom(grower, seed, p);
            int[] order = identity(n);
            for (int f = 0; f < fails; f++) {
                int crashed = crashCount(config.fails().get(f), n);
                partialShuffle(order, crashed, random);
                sim.network(config.gossipNetwork());
                for (int w = 0; w < config.warmup(); w++) {
                    sim.broadcast(warmupSources.nextInt(n));
                    sim.runUntilQuiescent();
                }
                for (int i = 0; i < crashed; i++) {
                    sim.crash(order[i]);
                }
                int source = order[crashed + random.nextInt(n - crashed)];
                Broadcast b = sim.broadcast(source);
                sim.runUntilQuiescent();
                outcomes.set(p, f, b.reached(), n - crashed, b.messages(), b.controlMessages(), b.maxHops());
                sim.network(NetworkConfig.lossless());
                for (int i = 0; i < crashed; i++) {
                    sim.recover(order[i]);
                }
            }
        }
        return outcomes;
    }

    private static Outcomes globalTrial(ReliabilityConfig config, int c, long seed) {
        int n = config.nodes();
        SplittableRandom random = new SplittableRandom(seed);
        GlobalGossip gossip = new GlobalGossip(n);
        double fanout = Math.log(n) + c;
        int[] order = identity(n);
        boolean[] down = new boolean[n];
        int fails = config.fails().size();
        Outcomes outcomes = new Outcomes(1, fails);
        for (int f = 0; f < fails; f++) {
            int crashed = crashCount(config.fails().get(f), n);
            partialShuffle(order, crashed, random);
            for (int i = 0; i < crashed; i++) {
                down[order[i]] = true;
            }
            int source = order[crashed + random.nextInt(n - crashed)];
            int reached = gossip.run(down, source, fanout, random);
            outcomes.set(0, f, reached, n - crashed, gossip.messages(), 0, gossip.maxHops());
            for (int i = 0; i < crashed; i++) {
                down[order[i]] = false;
            }
        }
        return outcomes;
    }

    static int crashCount(double fail, int n) {
        return Math.min(n - 1, (int) Math.round(fail * n));
    }

    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Puts a uniformly random {@code k}-subset of {@code order} in its first {@code k} places. */
    static void partialShuffle(int[] order, int k, SplittableRandom random) {
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(order.length - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
