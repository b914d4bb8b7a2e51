package dev.gossip.transport.dtls;

import java.lang.System.Logger.Level;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * A transport's timer: one daemon thread, {@code gossip-dtls-timer-<port>}, that every
 * {@value #TICK_MILLIS} ms resends handshake flights whose answer is overdue (waits from
 * {@link DtlsSettings#retransmitInitial()} doubling to {@link DtlsSettings#retransmitMax()}),
 * abandons handshakes older than {@link DtlsSettings#handshakeTimeout()}, closes sessions that
 * received nothing for {@link DtlsSettings#idleTimeout()}, then passes on the drops found meanwhile.
 */
final class HandshakeTimer {

    static final long TICK_MILLIS = 20;

    private static final System.Logger LOG = System.getLogger(DtlsTransport.class.getName());

    private final SessionTable table;
    private final DtlsSettings settings;
    private final DtlsCounters counters;
    private final BooleanSupplier closed;
    private final Runnable afterTick;
    private @Nullable ScheduledExecutorService executor;

    /**
     * @param closed whether the transport is closing, to stop a tick early
     * @param afterTick run after each tick, with no session lock held (passes on the drops)
     */
    HandshakeTimer(
            SessionTable table,
            DtlsSettings settings,
            DtlsCounters counters,
            BooleanSupplier closed,
            Runnable afterTick) {
        this.table = table;
        this.settings = settings;
        this.counters = counters;
        this.closed = closed;
        this.afterTick = afterTick;
    }

    /** Starts the thread; called once, under the transport's lifecycle lock. */
    void start(int port) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gossip-dtls-timer-" + port);
            t.setDaemon(true);
            return t;
        });
        executor = ticker;
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops the thread, if started. */
    void stop() {
        ScheduledExecutorService running = executor;
        if (running != null) {
            running.shutdownNow();
        }
    }

    private void tick() {
        try {
            expireAndRetransmit();
        } catch (RuntimeException e) { // an exception would cancel the timer for good
            LOG.log(Level.WARNING, "the dtls timer failed; it goes on", e);
        }
        afterTick.run();
    }

    private void expireAndRetransmit() {
        long now = System.nanoTime();
        long idle = settings.idleTimeout().toNanos();
        long maxInterval = settings.retransmitMax().toNanos();
        for (DtlsSession session : table.all()) {
            if (closed.getAsBoolean()) {
                return;
            }
            session.lock.lock();
            try {
                switch (session.state()) {
                    case HANDSHAKING -> {
                        if (now - session.handshakeDeadlineNanos() > 0) {
                            counters.handshakeTimeouts.increment();
                            table.forget(session);
                            session.abort();
                            counters.queueDrops.add(session.discardPending());
                        } else if (session.retransmitIfDue(now, maxInterval)) {
                            counters.retransmissions.increment();
                        }
                    }
                    case ESTABLISHED -> {
                        if (now - session.lastReceivedNanos() > idle) {
                            counters.sessionsEvicted.increment();
                            table.forget(session);
                            if (session.close()) {
                                counters.closeNotifySent.increment();
                            }
                        }
                    }
                    default -> table.removeClosed(session);
                }
            } catch (SSLException | RuntimeException e) {
                table.fail(session, e);
            } finally {
                session.lock.unlock();
            }
        }
    }
}
