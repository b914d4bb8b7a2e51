package dev.gossip.scamp;

import dev.gossip.NodeId;
import dev.gossip.ViewChange;
import dev.gossip.ViewChange.Kind;
import dev.gossip.ViewChange.View;
import dev.gossip.spi.MembershipContext;

/**
 * A node's partial view (out-links) and InView (in-links). Every change goes through here, which
 * keeps self and duplicates out of both views and reports each change to {@link
 * MembershipContext#viewChanged}, after it is made.
 */
final class Views {

    private final MembershipContext context;
    private final NodeId self;
    private final NodeSet partial = new NodeSet();
    private final NodeSet in = new NodeSet();

    Views(MembershipContext context) {
        this.context = context;
        this.self = context.self();
    }

    NodeSet partial() {
        return partial;
    }

    NodeSet in() {
        return in;
    }

    /** @return {@code true} if {@code node} is not this node, was missing and is now in the PV */
    boolean addPartial(NodeId node) {
        return add(partial, View.PARTIAL_VIEW, node);
    }

    /** @return {@code true} if {@code node} was in the PV and is no longer */
    boolean removePartial(NodeId node) {
        return remove(partial, View.PARTIAL_VIEW, node);
    }

    /** @return {@code true} if {@code node} is not this node, was missing and is now in the InView */
    boolean addIn(NodeId node) {
        return add(in, View.IN_VIEW, node);
    }

    /** @return {@code true} if {@code node} was in the InView and is no longer */
    boolean removeIn(NodeId node) {
        return remove(in, View.IN_VIEW, node);
    }

    /** Empties both views, reporting every removal. */
    void clear() {
        while (!partial.isEmpty()) {
            removePartial(partial.get(partial.size() - 1));
        }
        while (!in.isEmpty()) {
            removeIn(in.get(in.size() - 1));
        }
    }

    private boolean add(NodeSet set, View view, NodeId node) {
        if (node.equals(self) || !set.add(node)) {
            return false;
        }
        context.viewChanged(new ViewChange(view, Kind.ADDED, node));
        return true;
    }

    private boolean remove(NodeSet set, View view, NodeId node) {
        if (!set.remove(node)) {
            return false;
        }
        context.viewChanged(new ViewChange(view, Kind.REMOVED, node));
        return true;
    }
}
