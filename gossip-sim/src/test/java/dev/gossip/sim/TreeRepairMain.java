package dev.gossip.sim;

import dev.gossip.DisseminationConfig;
import dev.gossip.scamp.ScampMembershipProvider;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One broadcast after crashes, flood against tree, with what the reliability rows leave out: the
 * time of the last delivery and the tree's grafts and prunes (the numbers behind "Tree reliability"
 * in docs/simulation.md). Builds the same overlay twice, warms the tree up, crashes the same nodes
 * in both and broadcasts from the same source. Not a test. Example, for {@code n c warmup fail seed}:
 * {@code java -cp ... dev.gossip.sim.TreeRepairMain 2000 1 20 0.3 1}
 */
public final class TreeRepairMain {

    private TreeRepairMain() {}

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int c = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        double fail = Double.parseDouble(args[3]);
        long seed = Long.parseLong(args[4]);
        for (DisseminationConfig dissemination :
                new DisseminationConfig[] {DisseminationConfig.flood(), DisseminationConfig.tree()}) {
            Simulator sim = Simulator.builder(new ScampMembershipProvider())
                    .seed(seed)
                    .membershipConfig(
                            ViewsConfig.EXPERIMENT_MEMBERSHIP.toBuilder().c(c).build())
                    .dissemination(dissemination)
                    .build();
            Overlay.grow(sim, n, new SplittableRandom(seed), Progress.none(), "");
            SplittableRandom sources = new SplittableRandom(seed + 1);
            boolean tree = dissemination.mode() == DisseminationConfig.Mode.TREE;
            for (int w = 0; tree && w < warmup; w++) {
                sim.broadcast(sources.nextInt(n));
                sim.runUntilQuiescent();
            }
            SplittableRandom random = new SplittableRandom(seed + 2);
            int[] order = ReliabilityExperiment.identity(n);
            int crashed = ReliabilityExperiment.crashCount(fail, n);
            ReliabilityExperiment.partialShuffle(order, crashed, random);
            for (int i = 0; i < crashed; i++) {
                sim.crash(order[i]);
            }
            Broadcast b = sim.broadcast(order[crashed + random.nextInt(n - crashed)]);
            long events = sim.runUntilQuiescent();
            int up = n - crashed;
            System.out.printf(
                    Locale.ROOT,
                    "%s: reached %d/%d, payload/node %.3f, control/node %.3f (ihave %d, "
                            + "graft %d, prune %d), last hop %d, last delivery %.1f ms, %d events%n",
                    dissemination.mode().label(),
                    b.reached(),
                    up,
                    (double) b.messages() / up,
                    (double) b.controlMessages() / up,
                    b.announcements(),
                    b.grafts(),
                    b.prunes(),
                    b.maxHops(),
                    b.durationNanos() / 1e6,
                    events);
        }
    }
}
