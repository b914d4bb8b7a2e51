package dev.gossip.sim;

import dev.gossip.MembershipConfig;
import dev.gossip.scamp.ScampMembershipProvider;
import dev.gossip.spi.MembershipProvider;
import java.lang.ref.Reference;
import java.util.SplittableRandom;

/**
 * How far the simulator scales: {@code n} nodes join one by one, each through a uniformly random
 * earlier node and run to quiescence (lossless, fixed latency, no ticks), then node 0 broadcasts
 * once. Reports wall time, events, heap and the protocol's outcome. Indirection is off, as in the
 * views experiment, so that the mean view can be checked against the join invariant. With SCAMP
 * it runs on {@link IndexedSimulation} (int ids, int-array views, the same run event for event);
 * any other membership, or {@code -Dgossip.sim.layout=objects}, runs on {@link Simulator} with one
 * membership object per node. There each node remembers one message id ({@link
 * Simulator.Builder#dedupCapacity}): one message is sent, and at a million nodes the default's
 * eight cost 0.3 GB more.
 */
final class ScaleExperiment {

    /** Set to {@code false} to run without reading ahead ({@link Simulator}), for a before/after figure. */
    static final String READ_AHEAD_PROPERTY = "gossip.sim.readAhead";

    /**
     * Set to {@value #OBJECTS} to run the scale experiment on {@link Simulator} with one {@code
     * ScampMembership} object per node instead of {@link IndexedSimulation}, for a before/after
     * figure; the rows are the same but for the time and heap columns.
     */
    static final String LAYOUT_PROPERTY = "gossip.sim.layout";

    static final String OBJECTS = "objects";

    private ScaleExperiment() {}

    static ScaleRow run(int n, int c, long seed, MembershipProvider membership, Progress progress) {
        if (n < 1) {
            throw new IllegalArgumentException("nodes must be at least 1, was " + n);
        }
        MembershipConfig config =
                MembershipConfig.builder().c(c).indirectionWalk(0).build();
        boolean readAhead = !"false".equals(System.getProperty(READ_AHEAD_PROPERTY));
        boolean indexed = ScampMembershipProvider.NAME.equals(membership.name())
                && !OBJECTS.equals(System.getProperty(LAYOUT_PROPERTY));
        long heapBefore = usedAfterGc();
        long start = System.nanoTime();
        String stage = "join n=" + n + " c=" + c;
        Overlay.Measured sim = indexed
                ? new IndexedSimulation(seed, config, readAhead)
                : Simulator.builder(membership)
                        .seed(seed)
                        .membershipConfig(config)
                        .dedupCapacity(1)
                        .readAhead(readAhead)
                        .build();
        Overlay.grow(sim, n, new SplittableRandom(seed), progress, stage);
        long joined = System.nanoTime();
        long joinEvents = sim.eventsRun();
        double meanPv = (double) sim.partialViewTotal() / n;
        long dropped = sim.counter(Simulator.DROPPED_COUNTER);
        progress.report("broadcast", 0, 1);
        Broadcast broadcast = sim.broadcast(0);
        sim.runUntilQuiescent();
        long done = System.nanoTime();
        progress.report("broadcast", 1, 1);
        long heap = Math.max(0, usedAfterGc() - heapBefore);
        Reference.reachabilityFence(sim); // kept reachable until the heap is measured
        return new ScaleRow(
                n,
                c,
                seed,
                (joined - start) / 1e9,
                joinEvents,
                joinEvents == 0 ? 0 : (double) (joined - start) / joinEvents,
                meanPv,
                dropped,
                (done - joined) / 1e9,
                broadcast.reached(),
                broadcast.messages(),
                broadcast.maxHops(),
                heap,
                (double) heap / n);
    }

    /** @return heap in use after asking for full collections (the simulation is still reachable) */
    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
