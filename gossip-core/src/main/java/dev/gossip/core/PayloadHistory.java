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
 * <p>The index is brought up to date by {@link #find}, not by {@link #record}: every first receipt
 * is recorded, but only grafts and anti-entropy requests look messages up, far fewer under a
 * healthy tree, so recording is a copy into the ring and the index work is paid per lookup for the
 * messages recorded since the last one (all of them again, in one pass, when more than half the
 * ring is new).
 *
 * <p>Memory: at most {@code capacity} payload buffers (each as large as the largest payload its slot
 * has held) plus about 64 bytes per slot for the ids, hops, origin reference and index.
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
    /** When each message was recorded, on the engine's clock. */
    private final long[] times;

    private final byte[][] payloads;
    private final int[] lengths;
    /** Index: ring slot + 1 at each position, 0 for empty; size a power of two, at least 2 × capacity. */
    private final int[] index;
    /** Per slot, where its id's probe run starts in {@link #index}, or -1 if the slot is not indexed. */
    private final int[] homes;

    private final int mask;
    /** How many of the newest messages are not in the index yet. */
    private int unindexed;
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
        this.times = new long[capacity];
        this.payloads = new byte[capacity][];
        Arrays.fill(payloads, EMPTY);
        this.lengths = new int[capacity];
        int tableSize = Integer.highestOneBit(Math.max(2, 2 * capacity - 1)) << 1;
        this.index = new int[tableSize];
        this.homes = new int[capacity];
        Arrays.fill(homes, -1);
        this.mask = tableSize - 1;
    }

    /**
     * Records a message seen for the first time, evicting the oldest when full.
     *
     * @param payload from position to limit; its position is not changed
     * @param now the time, in nanoseconds (non-decreasing from one record to the next)
     */
    void record(long high, long low, NodeId origin, int hopCount, ByteBuffer payload, long now) {
        int slot;
        if (size == capacity) {
            slot = head;
            head = head + 1 == capacity ? 0 : head + 1;
        } else {
            slot = head + size < capacity ? head + size : head + size - capacity;
            size++;
        }
        if (unindexed < capacity) {
            unindexed++;
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
        times[slot] = now;
    }

    /**
     * @param cutoff a time, in nanoseconds
     * @return how many of the newest messages were recorded after {@code cutoff} (ages 0 to the
     *     result - 1); a binary search, as the ring is in recording order
     */
    int recordedAfter(long cutoff) {
        int lo = 0;
        int hi = size; // the answer is in [lo, hi]
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[slotByAge(mid)] - cutoff > 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** @return the slot holding the message, or -1 if it is not (or no longer) kept */
    int find(long high, long low) {
        if (unindexed > 0) {
            catchUp();
        }
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

    /** Indexes the messages recorded since the last lookup, first taking their slots' old ids out. */
    private void catchUp() {
        int n = unindexed;
        unindexed = 0;
        if (2 * n > size) {
            Arrays.fill(index, 0);
            Arrays.fill(homes, -1);
            n = size;
        }
        for (int age = n - 1; age >= 0; age--) {
            int slot = slotByAge(age);
            if (homes[slot] >= 0) {
                remove(slot);
            }
            int i = home(highs[slot], lows[slot]);
            homes[slot] = i;
            while (index[i] != 0) {
                i = (i + 1) & mask;
            }
            index[i] = slot + 1;
        }
    }

    /**
     * Takes {@code slot}'s indexed id out of the index, shifting later entries of its probe run back.
     * Uses the probe starts kept in {@link #homes}: a slot may hold a newer id than its index entry.
     */
    private void remove(int slot) {
        int i = homes[slot];
        homes[slot] = -1;
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
            int home = homes[entry - 1];
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
