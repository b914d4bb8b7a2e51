package dev.gossip.sim;

import dev.gossip.DisseminationConfig;
import dev.gossip.MembershipConfig;
import dev.gossip.spi.MembershipProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Runs {@link ReliabilityConfig}. */
final class ReliabilityExperiment {

    /** Salt of the warm-up sources' seed, so that they leave the trial's own draws untouched. */
    private static final long WARMUP_STREAM = 0x7472656557L;

    private ReliabilityExperiment() {}

    /** Per-{@code fail} tallies over the trials of one protocol, dissemination and {@code c}. */
    private static final class Tally {
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

        ReliabilityRow row(String protocol, DisseminationConfig.Mode mode, int n, int c, double fail, int trials) {
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
                    hopsSum / trials);
        }
    }

    static List<ReliabilityRow> run(ReliabilityConfig config, MembershipProvider provider, Progress progress) {
        int n = config.nodes();
        int fails = config.fails().size();
        List<ReliabilityRow> rows = new ArrayList<>();
        for (String protocol : config.protocols()) {
            boolean scamp = protocol.equals(ReliabilityConfig.SCAMP);
            for (DisseminationConfig.Mode mode :
                    scamp ? config.disseminations() : List.of(DisseminationConfig.Mode.FLOOD)) {
                boolean tree = mode == DisseminationConfig.Mode.TREE;
                for (int c : config.cs()) {
                    Tally[] tallies = new Tally[fails];
                    for (int f = 0; f < fails; f++) {
                        tallies[f] = new Tally();
                    }
                    String stage = "reliability " + protocol + (tree ? " tree" : "") + " n=" + n + " c=" + c;
                    for (int t = 0; t < config.trials(); t++) {
                        long seed = Seeds.derive(config.seed(), n, c, t);
                        if (!scamp) {
                            globalTrial(config, c, seed, tallies);
                        } else if (tree) {
                            treeTrial(config, provider, c, seed, tallies);
                        } else {
                            scampTrial(config, provider, c, seed, tallies);
                        }
                        progress.report(stage, t + 1, config.trials());
                    }
                    for (int f = 0; f < fails; f++) {
                        rows.add(tallies[f].row(
                                protocol, mode, n, c, config.fails().get(f), config.trials()));
                    }
                }
            }
        }
        return rows;
    }

    private static void scampTrial(
            ReliabilityConfig config, MembershipProvider provider, int c, long seed, Tally[] tallies) {
        int n = config.nodes();
        MembershipConfig membership = config.membership().toBuilder().c(c).build();
        Simulator sim = Simulator.builder(provider)
                .seed(seed)
                .membershipConfig(membership)
                .build();
        SplittableRandom random = new SplittableRandom(seed);
        Overlay.grow(sim, n, random, Progress.none(), "");
        int[] order = identity(n);
        for (int f = 0; f < tallies.length; f++) {
            int crashed = crashCount(config.fails().get(f), n);
            partialShuffle(order, crashed, random);
            for (int i = 0; i < crashed; i++) {
                sim.crash(order[i]);
            }
            int source = order[crashed + random.nextInt(n - crashed)];
            sim.network(config.gossipNetwork());
            Broadcast b = sim.broadcast(source);
            sim.runUntilQuiescent();
            tallies[f].add(b.reached(), n - crashed, b.messages(), 0, b.maxHops());
            sim.network(NetworkConfig.lossless());
            for (int i = 0; i < crashed; i++) {
                sim.recover(order[i]);
            }
        }
    }

    /**
     * {@link #scampTrial} with the tree: the same overlay, crashed nodes and source (the warm-up
     * sources draw from a generator of their own), and before each crash {@code warmup} broadcasts
     * on the intact overlay, each run to quiescence, so that the measured one meets a formed tree.
     */
    private static void treeTrial(
            ReliabilityConfig config, MembershipProvider provider, int c, long seed, Tally[] tallies) {
        int n = config.nodes();
        MembershipConfig membership = config.membership().toBuilder().c(c).build();
        Simulator sim = Simulator.builder(provider)
                .seed(seed)
                .membershipConfig(membership)
                .dissemination(config.tree().withMode(DisseminationConfig.Mode.TREE))
                .build();
        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom warmupSources = new SplittableRandom(Seeds.derive(seed, WARMUP_STREAM));
        Overlay.grow(sim, n, random, Progress.none(), "");
        int[] order = identity(n);
        for (int f = 0; f < tallies.length; f++) {
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
            tallies[f].add(b.reached(), n - crashed, b.messages(), b.controlMessages(), b.maxHops());
            sim.network(NetworkConfig.lossless());
            for (int i = 0; i < crashed; i++) {
                sim.recover(order[i]);
            }
        }
    }

    private static void globalTrial(ReliabilityConfig config, int c, long seed, Tally[] tallies) {
        int n = config.nodes();
        SplittableRandom random = new SplittableRandom(seed);
        GlobalGossip gossip = new GlobalGossip(n);
        double fanout = Math.log(n) + c;
        int[] order = identity(n);
        boolean[] down = new boolean[n];
        for (int f = 0; f < tallies.length; f++) {
            int crashed = crashCount(config.fails().get(f), n);
            partialShuffle(order, crashed, random);
            for (int i = 0; i < crashed; i++) {
                down[order[i]] = true;
            }
            int source = order[crashed + random.nextInt(n - crashed)];
            int reached = gossip.run(down, source, fanout, random);
            tallies[f].add(reached, n - crashed, gossip.messages(), 0, gossip.maxHops());
            for (int i = 0; i < crashed; i++) {
                down[order[i]] = false;
            }
        }
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
