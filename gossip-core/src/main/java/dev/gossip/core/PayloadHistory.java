package dev.gossip.core;

import dev.gossip.MessageId;
import dev.gossip.NodeId;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The last {@code capacity} messages a node saw, with their payloads, for anti-entropy: a ring in
 * arrival order plus an index by id. When full, the oldest message is forgotten. Not thread-safe.
 *
 * <p>Memory: at most {@code capacity} entries of payload bytes plus about 100 bytes (the id twice,
 * the origin reference, the index entry). Each recorded message copies its payload once.
 */
final class PayloadHistory {

    private final int capacity;
    private final long[] highs;
    private final long[] lows;
    private final NodeId[] origins;
    private final int[] hops;
    private final byte[][] payloads;
    private final Map<MessageId, Integer> index;
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
        this.index = new HashMap<>(Math.min(capacity, 1 << 12) * 2);
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
            index.remove(new MessageId(highs[slot], lows[slot]));
            head = (head + 1) % capacity;
        } else {
            slot = (head + size) % capacity;
            size++;
        }
        byte[] bytes = new byte[payload.remaining()];
        payload.get(payload.position(), bytes);
        highs[slot] = high;
        lows[slot] = low;
        origins[slot] = origin;
        hops[slot] = hopCount;
        payloads[slot] = bytes;
        index.put(new MessageId(high, low), slot);
    }

    /** @return the slot holding the message, or -1 if it is not (or no longer) kept */
    int find(long high, long low) {
        Integer slot = index.get(new MessageId(high, low));
        return slot == null ? -1 : slot;
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

    /** @return a read-only view of the payload */
    ByteBuffer payload(int slot) {
        return ByteBuffer.wrap(payloads[slot]).asReadOnlyBuffer();
    }
}
