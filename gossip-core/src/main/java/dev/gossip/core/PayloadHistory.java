package dev.gossip.core;

import dev.gossip.NodeId;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The last {@code capacity} messages a node saw, with their payloads, to answer anti-entropy
 * requests and tree grafts: a ring in arrival order plus an open-addressing index by id (linear
 * probing over the id's bits, deletion by backward shift). When full, the oldest message is
 * forgotten. Not thread-safe.
 *
 * <p>Memory: at most {@code capacity} payload buffers (each as large as the largest payload its slot
 * has held) plus about 60 bytes per slot for the ids, hops, origin reference and index.
 *
 * <p>Allocation: recording reuses the slot's buffer when it is large enough, so a steady stream of
 * payloads of similar sizes allocates nothing; {@link #find} never allocates.
 */
final class PayloadHistory {

    private static final byte[] EMPTY = new byte[0];

    private final int capacity;
    private final long[] highs;
    private final long[] lows;
    private final NodeId[] origins;
    private final int[] hops;
    private final byte[][] payloads;
    private final int[] lengths;
    /** Index: ring slot + 1 at each position, 0 for empty; size a power of two, at least 2 × capacity. */
    private final int[] index;

    private final int mask;
    /** Slot of the oldest entry. */
    private int head;

    private int size;

    /**
     * @param capacity the most messages kept, at least 1
     */
    PayloadHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.highs = new long[capacity];
        this.lows = new long[capacity];
        this.origins = new NodeId[capacity];
        this.hops = new int[capacity];
        this.payloads = new byte[capacity][];
        Arrays.fill(payloads, EMPTY);
        this.lengths = new int[capacity];
        int tableSize = Integer.highestOneBit(Math.max(2, 2 * capacity - 1)) << 1;
        this.index = new int[tableSize];
        this.mask = tableSize - 1;
    }

    /**
     * Records a message seen for the first time, evicting the oldest when full.
     *
     * @param payload from position to limit; its position is not changed
     */
    void record(long high, long low, NodeId origin, int hopCount, ByteBuffer payload) {
        int slot;
        if (size == capacity) {
            slot = head;
            remove(slot);
            head = (head + 1) % capacity;
        } else {
            slot = (head + size) % capacity;
            size++;
        }
        int length = payload.remaining();
        byte[] bytes = payloads[slot];
        if (bytes.length < length) {
            bytes = new byte[length];
            payloads[slot] = bytes;
        }
        payload.get(payload.position(), bytes, 0, length);
        lengths[slot] = length;
        highs[slot] = high;
        lows[slot] = low;
        origins[slot] = origin;
        hops[slot] = hopCount;
        int i = home(high, low);
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = slot + 1;
    }

    /** @return the slot holding the message, or -1 if it is not (or no longer) kept */
    int find(long high, long low) {
        int i = home(high, low);
        while (true) {
            int entry = index[i];
            if (entry == 0) {
                return -1;
            }
            int slot = entry - 1;
            if (highs[slot] == high && lows[slot] == low) {
                return slot;
            }
            i = (i + 1) & mask;
        }
    }

    /** Takes {@code slot} out of the index, shifting later entries of its probe run back. */
    private void remove(int slot) {
        int i = home(highs[slot], lows[slot]);
        while (index[i] != slot + 1) {
            if (index[i] == 0) {
                return; // not indexed (cannot happen for a recorded slot)
            }
            i = (i + 1) & mask;
        }
        index[i] = 0;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            int entry = index[j];
            if (entry == 0) {
                return;
            }
            int home = home(highs[entry - 1], lows[entry - 1]);
            // move the entry back to i unless its home lies cyclically in (i, j]
            boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!stays) {
                index[i] = entry;
                index[j] = 0;
                i = j;
            }
        }
    }

    private int home(long high, long low) {
        long h = (high ^ Long.rotateLeft(low, 29)) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }

    /** @return how many messages are kept */
    int size() {
        return size;
    }

    /**
     * @param age 0 for the newest message, {@code size() - 1} for the oldest
     * @return its slot
     */
    int slotByAge(int age) {
        return (head + size - 1 - age) % capacity;
    }

    /**
     * @param slot a slot holding a message
     * @return its age: 0 for the newest message, {@code size() - 1} for the oldest
     */
    int age(int slot) {
        return size - 1 - Math.floorMod(slot - head, capacity);
    }

    long high(int slot) {
        return highs[slot];
    }

    long low(int slot) {
        return lows[slot];
    }

    NodeId origin(int slot) {
        return origins[slot];
    }

    int hops(int slot) {
        return hops[slot];
    }

    /** @return a read-only view of the payload; valid until the slot is recorded over */
    ByteBuffer payload(int slot) {
        return ByteBuffer.wrap(payloads[slot], 0, lengths[slot]).asReadOnlyBuffer();
    }
}
