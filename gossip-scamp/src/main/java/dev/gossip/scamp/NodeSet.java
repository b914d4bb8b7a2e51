package dev.gossip.scamp;

import dev.gossip.NodeId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A set of nodes with constant-time add, remove, membership test and uniform random choice: a list
 * plus an index from node to position. Removal moves the last element into the gap, so the order
 * is arbitrary. Not thread-safe.
 */
final class NodeSet {

    private final List<NodeId> nodes = new ArrayList<>();
    private final Map<NodeId, Integer> positions = new HashMap<>();
    private final List<NodeId> readOnly = Collections.unmodifiableList(nodes);

    /** @return {@code true} if {@code node} was not present and has been added */
    boolean add(NodeId node) {
        if (positions.putIfAbsent(node, nodes.size()) != null) {
            return false;
        }
        nodes.add(node);
        return true;
    }

    /** @return {@code true} if {@code node} was present and has been removed */
    boolean remove(NodeId node) {
        Integer position = positions.remove(node);
        if (position == null) {
            return false;
        }
        NodeId last = nodes.remove(nodes.size() - 1);
        if (position < nodes.size()) {
            nodes.set(position, last);
            positions.put(last, position);
        }
        return true;
    }

    boolean contains(NodeId node) {
        return positions.containsKey(node);
    }

    int size() {
        return nodes.size();
    }

    boolean isEmpty() {
        return nodes.isEmpty();
    }

    NodeId get(int index) {
        return nodes.get(index);
    }

    /** @return a member chosen uniformly at random; the set must not be empty */
    NodeId random(RandomGenerator random) {
        return nodes.get(random.nextInt(nodes.size()));
    }

    /** @return a read-only live view */
    List<NodeId> view() {
        return readOnly;
    }

    /** @return an immutable copy */
    List<NodeId> copy() {
        return List.copyOf(nodes);
    }
}
