package dev.gossip.cli;

import dev.gossip.Delivery;
import dev.gossip.MessageListener;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Counts the demo's deliveries by (message, node) and measures their latency. Each demo payload
 * carries its message index and the clock reading at broadcast, so a delivery can be accounted for
 * even before {@code broadcast} has returned at the origin. Thread-safe: every node's listener
 * calls it from that node's protocol thread.
 */
final class DeliveryRecorder {

    /** Payload layout: message index (int), broadcast time in nanoseconds (long). */
    static final int PAYLOAD_BYTES = Integer.BYTES + Long.BYTES;

    private final int nodes;
    private final int[] origins;
    private final LongSupplier clock;
    private final AtomicIntegerArray counts;
    private final AtomicLongArray latencies;
    private final AtomicInteger firstDeliveries = new AtomicInteger();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final CountDownLatch complete;

    /**
     * @param nodes number of nodes
     * @param origins the origin node of each message, by message index
     * @param clock the clock that also stamps the payloads
     */
    DeliveryRecorder(int nodes, int[] origins, LongSupplier clock) {
        this.nodes = nodes;
        this.origins = origins.clone();
        this.clock = clock;
        int expected = Math.toIntExact((long) origins.length * (nodes - 1));
        this.counts = new AtomicIntegerArray(origins.length * nodes);
        this.latencies = new AtomicLongArray(expected);
        this.complete = new CountDownLatch(expected);
    }

    /**
     * @param message the message index
     * @return the payload to broadcast: the index and the current clock reading
     */
    ByteBuffer payload(int message) {
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES);
        payload.putInt(0, message).putLong(Integer.BYTES, clock.getAsLong());
        return payload;
    }

    /**
     * @param node the index of the node the listener is added to
     * @return a listener that records that node's deliveries
     */
    MessageListener listener(int node) {
        return delivery -> record(node, delivery);
    }

    private void record(int node, Delivery delivery) {
        long now = clock.getAsLong();
        ByteBuffer payload = delivery.payload();
        if (payload.remaining() != PAYLOAD_BYTES) {
            unexpected.incrementAndGet();
            return;
        }
        int message = payload.getInt(payload.position());
        long sentAt = payload.getLong(payload.position() + Integer.BYTES);
        if (message < 0 || message >= origins.length || origins[message] == node) {
            unexpected.incrementAndGet();
            return;
        }
        if (counts.incrementAndGet(message * nodes + node) == 1) {
            latencies.set(firstDeliveries.getAndIncrement(), now - sentAt);
            complete.countDown();
        } else {
            duplicates.incrementAndGet();
        }
    }

    /**
     * Waits until every expected delivery has arrived.
     *
     * @param timeoutNanos how long to wait at most
     * @return {@code true} if all arrived
     */
    boolean await(long timeoutNanos) throws InterruptedException {
        return complete.await(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** @return first deliveries at nodes other than the origin */
    long delivered() {
        return firstDeliveries.get();
    }

    /** @return deliveries of a message a node had already delivered */
    long duplicates() {
        return duplicates.get();
    }

    /** @return deliveries of unknown payloads or at a message's own origin */
    long unexpected() {
        return unexpected.get();
    }

    /** @return the latencies of the first deliveries so far, in nanoseconds, sorted */
    long[] sortedLatencies() {
        int n = Math.min(firstDeliveries.get(), latencies.length());
        long[] copy = new long[n];
        for (int i = 0; i < n; i++) {
            copy[i] = latencies.get(i);
        }
        Arrays.sort(copy);
        return copy;
    }

    /**
     * @param message a message index
     * @return how many nodes other than its origin have not delivered it
     */
    int missing(int message) {
        int missing = 0;
        for (int node = 0; node < nodes; node++) {
            if (node != origins[message] && counts.get(message * nodes + node) == 0) {
                missing++;
            }
        }
        return missing;
    }
}
