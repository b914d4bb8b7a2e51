package dev.gossip.cli;

/**
 * What a demo run measured.
 *
 * @param expected deliveries expected: every message at every node but its origin
 * @param delivered first deliveries at nodes other than the origin
 * @param duplicates deliveries of a message already delivered at that node
 * @param unexpected deliveries the demo did not send, or at the message's own origin
 * @param joinNanos time the joins took
 * @param deliveryNanos time from the first broadcast until the last delivery (or the timeout)
 * @param latencyNanos broadcast-to-delivery latencies of the first deliveries, sorted
 * @param viewSizes every node's partial-view size after the run
 * @param gossipDatagrams datagrams sent while broadcasting that carried a message payload
 * @param allDatagrams every datagram sent while broadcasting, membership traffic included
 * @param missingByMessage how many nodes miss each message, by message index
 * @param membershipCounters the membership protocol's counters summed over the nodes, by name
 * @param drops dropped datagrams summed over the nodes, by reason
 */
record DemoResult(
        long expected,
        long delivered,
        long duplicates,
        long unexpected,
        long joinNanos,
        long deliveryNanos,
        long[] latencyNanos,
        int[] viewSizes,
        long gossipDatagrams,
        long allDatagrams,
        int[] missingByMessage,
        java.util.SortedMap<String, Long> membershipCounters,
        java.util.SortedMap<String, Long> drops) {

    /** @return {@code true} if every message reached every other node exactly once */
    boolean complete() {
        return delivered == expected && duplicates == 0 && unexpected == 0;
    }
}
