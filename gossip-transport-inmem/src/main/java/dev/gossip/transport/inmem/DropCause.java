package dev.gossip.transport.inmem;

/**
 * Why an {@link InMemoryNetwork} did not deliver a datagram. Some are refusals, where
 * {@link InMemoryTransport#send} returned {@code false}; the rest are losses in flight, which a
 * sender cannot see, as on a real network. Append-only.
 */
public enum DropCause {
    /** Refused: larger than the sender's {@code maxDatagramBytes}. */
    OVERSIZED,
    /** Refused: the dispatcher's queue was full. */
    QUEUE_FULL,
    /** Refused: the sending transport was not started, or was closed (or its network was). */
    SENDER_CLOSED,
    /** Refused: the destination is not a {@code mem:} address. */
    UNSUPPORTED_ADDRESS,
    /** Lost: no open transport had the destination address when the datagram was dispatched. */
    UNKNOWN_DESTINATION,
    /** Lost: the {@link FaultPlan} dropped it at random. */
    LOSS,
    /** Lost: the {@link FaultPlan} puts sender and destination on different sides of a partition. */
    PARTITION,
    /** Lost: larger than the destination's {@code maxDatagramBytes}; its receiver heard of it. */
    OVERSIZED_AT_DESTINATION,
    /** Lost: still queued when the network closed. */
    DISCARDED_ON_CLOSE,
    /**
     * Lost: the sender or the destination was crashed ({@link InMemoryNetwork#crash}), or the
     * datagram was held by a pause when the node restarted.
     */
    CRASHED
}
