package dev.gossip.scamp;

import dev.gossip.NodeId;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A set of nodes, each with one {@code long} of its own (a time), with add, remove, membership
 * test and uniform random choice: three parallel arrays (node, its hash code, its time). Removal
 * moves the last element into the gap, so the order is arbitrary. Not thread-safe.
 *
 * <p>Why arrays rather than a list plus a {@code HashMap} index: SCAMP's views hold about
 * {@code (c+1)·ln n} nodes, 10 to 60 in practice, and a simulated million-node cluster holds two
 * million of them. A lookup scans the {@code int} hash codes, one or two cache lines, and calls
 * {@code equals} only on a match; a map entry and a boxed index per member cost about four times
 * the memory and a cache miss per probe (a million-node simulation spent 70% of its time in
 * {@code HashMap.getNode}). A set that grows past {@value #SCAN_LIMIT} members, which only forged
 * traffic makes happen (views are capped at {@link Views#MAX_VIEW_SIZE}), gets a hash index so
 * that lookups stay constant-time; it is dropped again when the set shrinks to half of that.
 */
final class NodeSet {

    /** Members up to which a lookup scans the hash codes instead of using an index. */
    static final int SCAN_LIMIT = 64;

    private static final NodeId[] NO_NODES = {};
    private static final int[] NO_HASHES = {};
    private static final long[] NO_TIMES = {};

    private NodeId[] nodes = NO_NODES;
    private int[] hashes = NO_HASHES;
    private long[] times = NO_TIMES;
    private int size;
    private @Nullable Map<NodeId, Integer> index;
    private @Nullable List<NodeId> readOnly;

    /** Adds {@code node} with time 0; see {@link #add(NodeId, long)}. */
    boolean add(NodeId node) {
        return add(node, 0);
    }

    /** @return {@code true} if {@code node} was not present and has been added with {@code time} */
    boolean add(NodeId node, long time) {
        int hash = node.hashCode();
        if (indexOf(node, hash) >= 0) {
            return false;
        }
        if (size == nodes.length) {
            int capacity = Math.max(4, size + (size >> 1));
            nodes = Arrays.copyOf(nodes, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
            times = Arrays.copyOf(times, capacity);
        }
        nodes[size] = node;
        hashes[size] = hash;
        times[size] = time;
        if (index != null) {
            index.put(node, size);
        }
        size++;
        if (index == null && size > SCAN_LIMIT) {
            index = new HashMap<>(2 * size);
            for (int i = 0; i < size; i++) {
                index.put(nodes[i], i);
            }
        }
        return true;
    }

    /** @return {@code true} if {@code node} was present and has been removed */
    boolean remove(NodeId node) {
        int position = indexOf(node);
        if (position < 0) {
            return false;
        }
        int last = --size;
        if (index != null) {
            index.remove(node);
        }
        if (position < last) {
            nodes[position] = nodes[last];
            hashes[position] = hashes[last];
            times[position] = times[last];
            if (index != null) {
                index.put(nodes[position], position);
            }
        }
        nodes[last] = null;
        if (index != null && size <= SCAN_LIMIT / 2) {
            index = null;
        }
        return true;
    }

    boolean contains(NodeId node) {
        return indexOf(node) >= 0;
    }

    /** @return the position of {@code node}, or -1 if it is not a member */
    int indexOf(NodeId node) {
        return node == null ? -1 : indexOf(node, node.hashCode());
    }

    private int indexOf(NodeId node, int hash) {
        if (index != null) {
            Integer position = index.get(node);
            return position == null ? -1 : position;
        }
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash && (nodes[i] == node || nodes[i].equals(node))) {
                return i;
            }
        }
        return -1;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** @return the member at {@code position}, {@code 0 <= position < size()} */
    NodeId get(int position) {
        return nodes[checked(position)];
    }

    /** @return the time of the member at {@code position} */
    long time(int position) {
        return times[checked(position)];
    }

    /** Sets the time of the member at {@code position}. */
    void time(int position, long time) {
        times[checked(position)] = time;
    }

    /**
     * Sets the time of {@code node}, if it is a member.
     *
     * @return {@code true} if {@code node} is a member
     */
    boolean time(NodeId node, long time) {
        int position = indexOf(node);
        if (position < 0) {
            return false;
        }
        times[position] = time;
        return true;
    }

    /** Removes every member. */
    void clear() {
        Arrays.fill(nodes, 0, size, null);
        size = 0;
        index = null;
    }

    /** @return a member chosen uniformly at random; the set must not be empty */
    NodeId random(RandomGenerator random) {
        return nodes[random.nextInt(size)];
    }

    /** @return a read-only live view */
    List<NodeId> view() {
        if (readOnly == null) {
            readOnly = new LiveView();
        }
        return readOnly;
    }

    /** @return an immutable copy */
    List<NodeId> copy() {
        return List.of(Arrays.copyOf(nodes, size));
    }

    private int checked(int position) {
        if (position < 0 || position >= size) {
            throw new IndexOutOfBoundsException("position " + position + " of " + size);
        }
        return position;
    }

    private final class LiveView extends AbstractList<NodeId> implements RandomAccess {

        @Override
        public NodeId get(int position) {
            return NodeSet.this.get(position);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
