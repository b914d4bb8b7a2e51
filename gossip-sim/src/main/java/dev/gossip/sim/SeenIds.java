package dev.gossip.sim;

import java.util.Arrays;

/** Stand-in for core's SeenMessages until gossip-core lands: a bounded set of 128-bit ids. */
final class SeenIds {

    private final int capacity;
    private long[] ids = new long[4];
    private int count;

    SeenIds(int capacity) {
        this.capacity = capacity;
    }

    boolean add(long high, long low) {
        for (int i = 0; i < count; i += 2) {
            if (ids[i] == high && ids[i + 1] == low) {
                return false;
            }
        }
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, Math.min(count * 2, capacity * 2));
        }
        if (count == capacity * 2) {
            System.arraycopy(ids, 2, ids, 0, count - 2);
            count -= 2;
        }
        ids[count++] = high;
        ids[count++] = low;
        return true;
    }
}
