package dev.gossip.sim;

import dev.gossip.MembershipConfig;
import dev.gossip.spi.MembershipProvider;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures one large run: {@code n} sequential joins to quiescence, then one broadcast; prints wall
 * time, heap and bytes per node. Not a test: run by hand, for example
 * {@code java -Xmx8g -cp ... dev.gossip.sim.ScaleMain 1000000 1 42}.
 */
public final class ScaleMain {

    private ScaleMain() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int c = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        MembershipProvider provider = Experiments.defaultMembership();
        long baseline = usedAfterGc();
        long start = System.nanoTime();
        Simulator sim = Simulator.builder(provider).seed(seed)
                .membershipConfig(MembershipConfig.builder().c(c).indirectionWalk(0).build()).build();
        long[] last = {start};
        Overlay.grow(sim, n, new SplittableRandom(seed), (stage, done, total) -> {
            long now = System.nanoTime();
            if (now - last[0] > 10_000_000_000L || done == total) {
                last[0] = now;
                System.err.printf(Locale.ROOT, "%s: %d/%d joined, %.1f s, %d events%n", stage, done, total,
                        (now - start) / 1e9, sim.eventsRun());
            }
        }, "join n=" + n + " c=" + c);
        long joined = System.nanoTime();
        long joinEvents = sim.eventsRun();
        double joinCpu = cpuSeconds();
        Broadcast b = sim.broadcast(0);
        sim.runUntilQuiescent();
        long broadcastDone = System.nanoTime();
        long used = usedAfterGc();
        System.out.printf(Locale.ROOT, "provider=%s n=%d c=%d seed=%d%n", provider.name(), n, c, seed);
        System.out.printf(Locale.ROOT, "join: %.1f s wall (%.1f s CPU so far), %d events (%.0f ns/event), mean PV %.3f,"
                        + " dropped copies %d%n", (joined - start) / 1e9, joinCpu, joinEvents,
                (double) (joined - start) / joinEvents, (double) sim.partialViewTotal() / n,
                sim.counter("forwardedDropped"));
        System.out.printf(Locale.ROOT, "broadcast: %.2f s wall, reached %d/%d, %d messages, %d hops,"
                        + " %.1f ms virtual%n", (broadcastDone - joined) / 1e9, b.reached(), n, b.messages(),
                b.maxHops(), b.durationNanos() / 1e6);
        System.out.printf(Locale.ROOT, "heap: %.2f GB live after GC, %.0f bytes per node; max heap %.2f GB%n",
                (used - baseline) / 1e9, (double) (used - baseline) / n, Runtime.getRuntime().maxMemory() / 1e9);
        System.out.printf(Locale.ROOT, "total: %.1f s wall, %.1f s CPU (all threads, GC included)%n",
                (broadcastDone - start) / 1e9, cpuSeconds());
    }

    private static double cpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(Double.NaN);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
