package dev.gossip;

import java.util.Objects;

/**
 * One change of a node's views, reported to {@link ViewListener}s.
 *
 * @param view which view changed
 * @param kind whether {@code member} was added or removed
 * @param member the node added or removed, never {@code null}
 */
public record ViewChange(View view, Kind kind, NodeId member) {

    /** The two views a SCAMP-style node keeps. */
    public enum View {
        /** The nodes this node gossips to (out-links). */
        PARTIAL_VIEW,
        /** The nodes that gossip to this node (in-links). */
        IN_VIEW
    }

    /** What happened to the member. */
    public enum Kind {
        /** The member entered the view. */
        ADDED,
        /** The member left the view. */
        REMOVED
    }

    /**
     * Validates the components.
     *
     * @param view see {@link #view()}
     * @param kind see {@link #kind()}
     * @param member see {@link #member()}
     * @throws NullPointerException if any component is {@code null}
     */
    public ViewChange {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(member, "member");
    }
}
