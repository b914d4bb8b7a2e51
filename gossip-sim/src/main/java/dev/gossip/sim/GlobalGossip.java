package dev.gossip.sim;

import java.util.SplittableRandom;

/**
 * The SCAMP paper's comparison scheme: every node knows all {@code n} nodes and, on first receipt,
 * forwards to {@code fanout} nodes drawn uniformly (with replacement) from the {@code n - 1}
 * others, where the fanout is {@code ln n + c} rounded at random between its floor and ceiling so
 * that its mean is exact. Crashed nodes neither receive nor forward.
 *
 * <p>Only the set of nodes reached matters here, not when, so this runs as a plain traversal
 * instead of through the event queue: about a hundred times faster, which buys the thousands of
 * trials needed to check {@code exp(-exp(-c))} to two decimals. Reusable across trials of one
 * {@code n}: marks are stamped with a trial number, never cleared.
 */
final class GlobalGossip {

    private final int n;
    private final int[] stamp;
    private final int[] queue;
    private int trial;
    private long messages;
    private int maxHops;

    GlobalGossip(int n) {
        this.n = n;
        this.stamp = new int[n];
        this.queue = new int[n];
    }

    /**
     * Gossips once from {@code source}.
     *
     * @param down which nodes are crashed
     * @return the live nodes reached, the source included; {@link #messages()} then holds the
     *     datagrams sent and {@link #maxHops()} the depth of the last node reached
     */
    int run(boolean[] down, int source, double fanout, SplittableRandom random) {
        int mark = ++trial;
        int floor = (int) Math.floor(fanout);
        double fraction = fanout - floor;
        long sent = 0;
        int head = 0;
        int tail = 0;
        stamp[source] = mark;
        queue[tail++] = source;
        int depth = 0;
        int levelEnd = tail;
        int deepest = 0;
        while (head < tail) {
            if (head == levelEnd) {
                depth++;
                levelEnd = tail;
            }
            int node = queue[head++];
            int k = floor + (random.nextDouble() < fraction ? 1 : 0);
            sent += k;
            for (int i = 0; i < k; i++) {
                int to = random.nextInt(n - 1);
                if (to >= node) {
                    to++;
                }
                if (stamp[to] != mark && !down[to]) {
                    stamp[to] = mark;
                    queue[tail++] = to;
                    deepest = depth + 1;
                }
            }
        }
        messages = sent;
        maxHops = deepest;
        return tail;
    }

    /** @return the datagrams sent by the last {@link #run} */
    long messages() {
        return messages;
    }

    /**
     * @return the hops (datagrams from the source) of the last node the last {@link #run} reached:
     *     its breadth-first depth, as {@link Broadcast#maxHops()} counts them
     */
    int maxHops() {
        return maxHops;
    }
}
