package dev.gossip.transport.inmem;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The counters of one {@link InMemoryNetwork}, bumped by senders and dispatchers alike. */
final class NetworkCounters {

    final LongAdder sent = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder receiverErrors = new LongAdder();
    final LongAdder duplicated = new LongAdder();
    /** Held for or from a paused address; not in flight. */
    final AtomicLong held = new AtomicLong();
    /** Queued or being dispatched; exact, so that tests can wait for a quiet network. */
    final AtomicLong inFlight = new AtomicLong();

    private final LongAdder[] drops = new LongAdder[DropCause.values().length];

    NetworkCounters() {
        for (int i = 0; i < drops.length; i++) {
            drops[i] = new LongAdder();
        }
    }

    void drop(DropCause cause) {
        drops[cause.ordinal()].increment();
    }

    InMemoryNetwork.Stats snapshot() {
        Map<DropCause, Long> byCause = new EnumMap<>(DropCause.class);
        for (DropCause cause : DropCause.values()) {
            byCause.put(cause, drops[cause.ordinal()].sum());
        }
        return new InMemoryNetwork.Stats(
                sent.sum(),
                delivered.sum(),
                duplicated.sum(),
                receiverErrors.sum(),
                inFlight.get(),
                held.get(),
                byCause);
    }
}
