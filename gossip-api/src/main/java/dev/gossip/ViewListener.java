package dev.gossip;

/**
 * Told of every change of the local node's partial view and InView.
 *
 * <p>Threading: called on the node's protocol thread, one call at a time, in the order the changes
 * happen. It must return quickly and must not block; an exception it throws is reported to the
 * node's error handler and otherwise ignored.
 */
@FunctionalInterface
public interface ViewListener {

    /**
     * Called once per change.
     *
     * @param change what changed
     */
    void onViewChange(ViewChange change);
}
