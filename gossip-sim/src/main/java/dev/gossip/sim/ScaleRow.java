package dev.gossip.sim;

import java.util.List;

/**
 * One scale run: {@code n} sequential joins to quiescence, then one broadcast. The protocol columns
 * are deterministic for a seed; the time and heap columns measure this machine.
 *
 * @param n nodes
 * @param c SCAMP's redundancy parameter
 * @param seed master seed
 * @param joinSeconds wall time of the joins
 * @param joinEvents membership events the joins took (messages delivered)
 * @param nanosPerEvent wall nanoseconds per join event
 * @param meanPv mean partial-view size after the joins
 * @param droppedCopies forwarded-subscription copies dropped by the loop guard
 * @param broadcastSeconds wall time of the broadcast, from sending to quiescence
 * @param reached nodes that received the broadcast (the origin included)
 * @param messages gossip datagrams the broadcast took
 * @param hops the largest hop count at which a node first received it
 * @param heapBytes heap in use after a full collection at the end, less what was in use before
 * @param bytesPerNode {@code heapBytes / n}
 */
public record ScaleRow(
        int n,
        int c,
        long seed,
        double joinSeconds,
        long joinEvents,
        double nanosPerEvent,
        double meanPv,
        long droppedCopies,
        double broadcastSeconds,
        long reached,
        long messages,
        int hops,
        long heapBytes,
        double bytesPerNode)
        implements Row {

    private static final List<String> COLUMNS = List.of(
            "n",
            "c",
            "seed",
            "join_s",
            "join_events",
            "ns_per_event",
            "mean_pv",
            "dropped",
            "broadcast_s",
            "reached",
            "messages",
            "hops",
            "heap_gb",
            "bytes_per_node");

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> values() {
        return List.of(
                n,
                c,
                seed,
                joinSeconds,
                joinEvents,
                nanosPerEvent,
                meanPv,
                droppedCopies,
                broadcastSeconds,
                reached,
                messages,
                hops,
                heapBytes / 1e9,
                bytesPerNode);
    }
}
