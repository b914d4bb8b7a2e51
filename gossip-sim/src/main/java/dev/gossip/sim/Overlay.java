package dev.gossip.sim;

import java.util.SplittableRandom;

/** Builds overlays the way the experiments of the SCAMP paper do. */
final class Overlay {

    private Overlay() {}

    /**
     * Adds nodes until the simulation holds {@code n}: the first alone, each next one joining
     * through a uniformly random node already there, each join run to quiescence before the next.
     *
     * @param random draws the contacts
     */
    static void grow(Simulator sim, int n, SplittableRandom random, Progress progress, String stage) {
        if (sim.size() == 0 && n > 0) {
            sim.addNode();
        }
        long step = Math.max(1, n / 100);
        while (sim.size() < n) {
            int contact = random.nextInt(sim.size());
            int node = sim.addNode();
            sim.join(node, contact);
            sim.runUntilQuiescent();
            if (node % step == 0) {
                progress.report(stage, node, n);
            }
        }
        progress.report(stage, n, n);
    }
}
