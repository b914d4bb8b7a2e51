package dev.gossip.scamp;

import dev.gossip.NodeId;
import dev.gossip.ViewChange;
import dev.gossip.ViewChange.Kind;
import dev.gossip.ViewChange.View;
import dev.gossip.spi.MembershipContext;

/**
 * A node's partial view (out-links) and InView (in-links). Every change goes through here, which
 * keeps self and duplicates out of both views and reports each change to {@link
 * MembershipContext#viewChanged}, after it is made. Each PV member carries the time it entered the
 * PV (for leases), each InView member the time it was added or last heard from (for liveness),
 * stored beside it in its {@link NodeSet}.
 */
final class Views {

    /**
     * Hard cap on each view. SCAMP's views hold about {@code (c+1)·ln n} nodes (55 at {@code c = 3}
     * and a million nodes; 900 at the largest {@code c}, 64), so the cap never binds in a real
     * cluster; it bounds what forged messages from many made-up senders can make a node hold
     * (heartbeats and notices add their sender to the InView, forwarded copies their subject to the
     * PV). A copy that would overflow the PV is forwarded on instead of kept.
     */
    static final int MAX_VIEW_SIZE = 4096;

    private final MembershipContext context;
    private final NodeId self;
    private final NodeSet partial = new NodeSet();
    private final NodeSet in = new NodeSet();

    Views(MembershipContext context) {
        this.context = context;
        this.self = context.self();
    }

    /**
     * @return the PV; each member's {@link NodeSet#time(int) time} is when it entered the PV or
     *     last extended its lease ({@link MembershipContext#nanoTime()})
     */
    NodeSet partial() {
        return partial;
    }

    /** @return the InView; each member's {@link NodeSet#time(int) time} is when it was added or last heard from */
    NodeSet in() {
        return in;
    }

    /** @return {@code true} if the PV is at {@link #MAX_VIEW_SIZE} and takes no more nodes */
    boolean partialFull() {
        return partial.size() >= MAX_VIEW_SIZE;
    }

    /** @return {@code true} if {@code node} is not this node, was missing and is now in the PV */
    boolean addPartial(NodeId node) {
        return add(partial, View.PARTIAL_VIEW, node);
    }

    /** @return {@code true} if {@code node} was in the PV and is no longer */
    boolean removePartial(NodeId node) {
        return remove(partial, View.PARTIAL_VIEW, node);
    }

    /**
     * Restarts the lease clock of {@code node}, if it is a PV member.
     *
     * @return {@code true} if {@code node} is in the PV
     */
    boolean renewedPartial(NodeId node) {
        return partial.time(node, context.nanoTime());
    }

    /**
     * Adds {@code node} to the InView, or notes that it was heard from if it is there already.
     *
     * @return {@code true} if {@code node} is not this node, was missing and is now in the InView
     */
    boolean addIn(NodeId node) {
        if (node.equals(self)) {
            return false;
        }
        if (add(in, View.IN_VIEW, node)) {
            return true;
        }
        heardFrom(node);
        return false;
    }

    /** @return {@code true} if {@code node} was in the InView and is no longer */
    boolean removeIn(NodeId node) {
        return remove(in, View.IN_VIEW, node);
    }

    /**
     * Notes that {@code node}, if in the InView, was heard from now.
     *
     * @return {@code true} if {@code node} is in the InView
     */
    boolean heardFrom(NodeId node) {
        return in.time(node, context.nanoTime());
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
        if (node.equals(self) || set.size() >= MAX_VIEW_SIZE || !set.add(node, context.nanoTime())) {
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
