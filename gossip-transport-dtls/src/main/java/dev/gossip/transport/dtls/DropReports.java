package dev.gossip.transport.dtls;

import dev.gossip.DropReason;
import dev.gossip.IpAddress;
import dev.gossip.spi.Transport.Receiver;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Drops found while a session lock may be held, passed to the receiver later, from the receive
 * thread or the timer with no session lock held: a receiver may wait for a lock a sending thread
 * holds while that thread waits for the session. At most {@value #MAX_DEFERRED} wait; more are
 * counted in the transport's counters only.
 */
final class DropReports {

    static final int MAX_DEFERRED = 4_096;

    private final ConcurrentLinkedQueue<Drop> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();

    /** Keeps one drop for the next {@link #flush}; any thread. */
    void report(IpAddress from, DropReason reason) {
        if (count.incrementAndGet() > MAX_DEFERRED) {
            count.decrementAndGet();
            return;
        }
        queue.add(new Drop(from, reason));
    }

    /**
     * Passes the kept drops to {@code receiver}; called with no session lock held.
     *
     * @param receiver where they go, or {@code null} (before start) to discard them
     * @param counters where a receiver that throws is counted
     */
    void flush(@Nullable Receiver receiver, DtlsCounters counters) {
        Drop drop;
        while ((drop = queue.poll()) != null) {
            count.decrementAndGet();
            if (receiver == null) {
                continue;
            }
            try {
                receiver.onDrop(drop.from(), drop.reason());
            } catch (Throwable t) {
                counters.receiverErrors.increment();
            }
        }
    }

    private record Drop(IpAddress from, DropReason reason) {}
}
