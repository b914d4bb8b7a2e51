package dev.gossip.sim;

import java.util.SplittableRandom;

/** Builds overlays the way the experiments of the SCAMP paper do. */
final class Overlay {

    private Overlay() {}

    /**
     * What growing an overlay needs of a simulation: {@link Simulator}, and the scale run's {@link
     * IndexedSimulation}.
     */
    interface Joins {
        /** @return how many nodes were added */
        int size();

        /** @return the new node's number */
        int addNode();

        /** Lets {@code node} subscribe through {@code contact}. */
        void join(int node, int contact);

        /** @return the events handled until nothing is in flight */
        long runUntilQuiescent();
    }

    /** What the scale run reads of a grown overlay, on either simulation. */
    interface Measured extends Joins {
        /** @return every event handled so far */
        long eventsRun();

        /** @return the sum of the partial views' sizes */
        long partialViewTotal();

        /** @return the membership counter {@code name}, summed over the nodes */
        long counter(String name);

        /** Starts a broadcast from {@code origin}; run the simulation to see it spread. */
        Broadcast broadcast(int origin);
    }

    /**
     * Adds nodes until the simulation holds {@code n}: the first alone, each next one joining
     * through a uniformly random node already there, each join run to quiescence before the next.
     *
     * @param random draws the contacts
     */
    static void grow(Joins sim, int n, SplittableRandom random, Progress progress, String stage) {
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
