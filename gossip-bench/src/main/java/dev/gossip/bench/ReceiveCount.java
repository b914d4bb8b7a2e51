package dev.gossip.bench;

/**
 * A counter bumped by exactly one receiving thread and read by others: a volatile long written
 * without a read-modify-write instruction, the cheapest correct single-writer counter, used alike
 * by every receiver a throughput benchmark compares.
 */
final class ReceiveCount {

    private volatile long value;

    /** Adds one; call from the single receiving thread only. */
    @SuppressWarnings("NonAtomicOperationOnVolatileField")
    void increment() {
        value = value + 1;
    }

    /** @return the count */
    long get() {
        return value;
    }
}
