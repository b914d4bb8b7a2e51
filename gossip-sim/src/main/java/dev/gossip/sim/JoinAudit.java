package dev.gossip.sim;

import java.util.Arrays;

/**
 * Keeps account of the nodes that take part in one join and of their dropped-copy counter, so
 * that {@link Simulator#joinAndRun} reports the copies dropped without reading every node's
 * counters: each node's counter is read when it first receives a message of the join, and again at
 * the end.
 */
final class JoinAudit {

    private int[] stamp = new int[64];
    private int round;
    private int[] touched = new int[64];
    private long[] before = new long[64];
    private int count;
    private boolean active;

    boolean active() {
        return active;
    }

    void begin() {
        active = true;
        round++;
        count = 0;
    }

    /** Notes a node that takes part, reading its counter the first time. */
    void touch(SimNode node) {
        int index = node.index;
        if (index >= stamp.length) {
            stamp = Arrays.copyOf(stamp, Math.max(index + 1, stamp.length * 2));
        }
        if (stamp[index] == round) {
            return;
        }
        stamp[index] = round;
        if (count == touched.length) {
            touched = Arrays.copyOf(touched, count * 2);
            before = Arrays.copyOf(before, count * 2);
        }
        touched[count] = index;
        before[count++] = dropped(node);
    }

    /** Ends the account. @return copies dropped by the nodes that took part since {@link #begin} */
    long end(SimNode[] nodes) {
        active = false;
        long sum = 0;
        for (int k = 0; k < count; k++) {
            sum += dropped(nodes[touched[k]]) - before[k];
        }
        return sum;
    }

    private static long dropped(SimNode node) {
        return node.membership.counters().getOrDefault(Simulator.DROPPED_COUNTER, 0L);
    }
}
