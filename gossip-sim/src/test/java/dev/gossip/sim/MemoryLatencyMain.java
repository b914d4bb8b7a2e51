package dev.gossip.sim;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The machine's cost of one dependent random memory access, the floor under a large simulation:
 * every membership event lands on a node drawn at random from the whole population, so its state
 * is rarely in a cache. Walks one random cycle through an {@code int[]} of the given sizes (each
 * load's address is the previous load's value, so the loads cannot overlap) and prints
 * nanoseconds per load. Not a test: run by hand, for example
 * {@code java -XX:+UseTransparentHugePages -cp ... dev.gossip.sim.MemoryLatencyMain 1 16 256 1024}
 * (sizes in MiB).
 */
public final class MemoryLatencyMain {

    private MemoryLatencyMain() {}

    public static void main(String[] args) {
        String[] sizes = args.length > 0 ? args : new String[] {"1", "16", "256", "1024"};
        for (String size : sizes) {
            int mib = Integer.parseInt(size);
            int[] next = cycle((int) (mib * (1L << 20) / Integer.BYTES), new SplittableRandom(mib));
            chase(next, 10_000_000); // warm up the JIT and the page tables
            int loads = 50_000_000;
            long start = System.nanoTime();
            int end = chase(next, loads);
            double nanos = (System.nanoTime() - start) / (double) loads;
            System.out.printf(Locale.ROOT, "%6d MiB: %6.1f ns per dependent random load (end %d)%n", mib, nanos, end);
        }
    }

    /** @return a single random cycle over {@code 0..n-1} (Sattolo's shuffle), as successor links */
    private static int[] cycle(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            next[order[i]] = order[(i + 1) % n];
        }
        return next;
    }

    private static int chase(int[] next, int loads) {
        int at = 0;
        for (int i = 0; i < loads; i++) {
            at = next[at];
        }
        return at;
    }
}
