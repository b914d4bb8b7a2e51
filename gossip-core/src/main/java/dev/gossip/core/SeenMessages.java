package dev.gossip.core;

/**
 * A bounded set of 128-bit message ids that remembers the most recent ones, for recognising
 * duplicate gossip. When full, adding a new id evicts the oldest (first added).
 *
 * <p>Memory: primitive open addressing (linear probing, load at most 1/2) over a {@code long[]}
 * plus a FIFO ring of the same ids in insertion order, about 48 bytes per remembered id at the
 * largest size. It starts at {@value #INITIAL_SLOTS} ids and doubles up to the capacity as ids
 * arrive, so a simulator holding one set per node for a million nodes pays only for what each node
 * has seen. Once grown, {@link #add} and {@link #contains} allocate nothing.
 *
 * <p>Threading: not thread-safe; the engine calls it from its one protocol thread.
 */
public final class SeenMessages {

    /** Ids the set holds before its first growth (or the capacity, if smaller). */
    static final int INITIAL_SLOTS = 32;

    private final int capacity;

    /** Hash table: slot i holds (table[2i], table[2i+1]); (0, 0) marks an empty slot. */
    private long[] table;

    private int mask;
    /** The id (0, 0) cannot live in the table, where it marks empty slots. */
    private boolean hasZero;

    /** FIFO ring of the ids in insertion order: ring[2k], ring[2k+1]. */
    private long[] ring;

    private int ringHead;
    private int size;

    /**
     * Creates an empty set.
     *
     * @param capacity the most ids remembered at once, at least 1
     * @throws IllegalArgumentException if {@code capacity} is below 1 or above 2^26
     */
    public SeenMessages(int capacity) {
        if (capacity < 1 || capacity > 1 << 26) {
            throw new IllegalArgumentException("capacity must be in 1.." + (1 << 26) + ", was " + capacity);
        }
        this.capacity = capacity;
        allocate(Math.min(capacity, INITIAL_SLOTS));
    }

    /**
     * Adds an id if it is not present, evicting the oldest id when the set is full.
     *
     * @param high upper 64 bits
     * @param low lower 64 bits
     * @return {@code true} if the id was new (and is now remembered), {@code false} if present
     */
    public boolean add(long high, long low) {
        if (contains(high, low)) {
            return false;
        }
        if (size == ringLength()) {
            if (size < capacity) {
                grow();
            } else {
                evictOldest();
            }
        }
        insert(high, low);
        int tail = (ringHead + size) % ringLength();
        ring[2 * tail] = high;
        ring[2 * tail + 1] = low;
        size++;
        return true;
    }

    /**
     * @param high upper 64 bits
     * @param low lower 64 bits
     * @return {@code true} if the id is remembered
     */
    public boolean contains(long high, long low) {
        if ((high | low) == 0) {
            return hasZero;
        }
        return find(high, low) >= 0;
    }

    /** @return how many ids are remembered, at most {@link #capacity()} */
    public int size() {
        return size;
    }

    /** @return the most ids remembered at once */
    public int capacity() {
        return capacity;
    }

    private int ringLength() {
        return ring.length / 2;
    }

    private void allocate(int ids) {
        int slots = Integer.highestOneBit(Math.max(2, ids * 2 - 1)) << 1;
        table = new long[2 * slots];
        mask = slots - 1;
        ring = new long[2 * ids];
    }

    private void grow() {
        long[] oldRing = ring;
        int oldLength = ringLength();
        int oldHead = ringHead;
        allocate((int) Math.min(capacity, 2L * oldLength));
        hasZero = false;
        for (int k = 0; k < size; k++) {
            int from = (oldHead + k) % oldLength;
            long high = oldRing[2 * from];
            long low = oldRing[2 * from + 1];
            ring[2 * k] = high;
            ring[2 * k + 1] = low;
            insert(high, low);
        }
        ringHead = 0;
    }

    private void evictOldest() {
        long high = ring[2 * ringHead];
        long low = ring[2 * ringHead + 1];
        ringHead = (ringHead + 1) % ringLength();
        size--;
        if ((high | low) == 0) {
            hasZero = false;
        } else {
            removeAt(find(high, low));
        }
    }

    private void insert(long high, long low) {
        if ((high | low) == 0) {
            hasZero = true;
            return;
        }
        int slot = home(high, low);
        while ((table[2 * slot] | table[2 * slot + 1]) != 0) {
            slot = (slot + 1) & mask;
        }
        table[2 * slot] = high;
        table[2 * slot + 1] = low;
    }

    private int find(long high, long low) {
        int slot = home(high, low);
        while (true) {
            long h = table[2 * slot];
            long l = table[2 * slot + 1];
            if (h == high && l == low) {
                return slot;
            }
            if ((h | l) == 0) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Deletes by shifting later entries of the probe run back (no tombstones). */
    private void removeAt(int hole) {
        int j = hole;
        while (true) {
            j = (j + 1) & mask;
            long h = table[2 * j];
            long l = table[2 * j + 1];
            if ((h | l) == 0) {
                break;
            }
            int k = home(h, l);
            // The entry at j may move to the hole unless its home lies cyclically in (hole, j].
            boolean stays = hole <= j ? hole < k && k <= j : hole < k || k <= j;
            if (!stays) {
                table[2 * hole] = h;
                table[2 * hole + 1] = l;
                hole = j;
            }
        }
        table[2 * hole] = 0;
        table[2 * hole + 1] = 0;
    }

    private int home(long high, long low) {
        long h = high * 0x9E3779B97F4A7C15L + low;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }
}
