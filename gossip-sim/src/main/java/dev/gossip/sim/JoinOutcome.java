package dev.gossip.sim;

/**
 * What one join did to the overlay, from {@link Simulator#joinAndRun(int, int)}.
 *
 * <p>SCAMP's join invariant: in a lossless run without failures, a join through a contact with a
 * non-empty partial view adds exactly {@code contactPartialView + c + 1} partial-view entries in
 * total, less one for every forwarded-subscription copy the loop guard dropped.
 *
 * @param contactPartialView the contact's partial-view size when the join began
 * @param partialViewAdded the change of the total of partial-view sizes over all nodes
 * @param copiesDropped forwarded-subscription copies dropped during the join (the
 *     {@value Simulator#DROPPED_COUNTER} counter summed over the nodes that took part)
 * @param events events the join took to quiesce
 */
public record JoinOutcome(int contactPartialView, long partialViewAdded, long copiesDropped, long events) {

    /**
     * @param c the redundancy parameter the nodes run with
     * @return whether the invariant holds: {@code partialViewAdded == contactPartialView + c + 1 -
     *     copiesDropped} (for a contact with an empty view: the contact keeps the subscriber, so
     *     {@code 1 + 1})
     */
    public boolean invariantHolds(int c) {
        long expected = contactPartialView == 0 ? 2 : contactPartialView + c + 1L - copiesDropped;
        return partialViewAdded == expected;
    }
}
