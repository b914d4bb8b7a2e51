package dev.gossip.transport.dtls;

import dev.gossip.DropReason;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A transport's sessions, one per peer socket address, and the count of those still in their
 * handshake (bounded by {@link DtlsSettings#maxHandshakes()}). Any thread; a session's own state
 * changes under its lock, which the callers of {@link #forget}, {@link #fail} and {@link #replace}
 * hold.
 */
final class SessionTable {

    private static final System.Logger LOG = System.getLogger(DtlsTransport.class.getName());

    private final ConcurrentHashMap<InetSocketAddress, DtlsSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger handshaking = new AtomicInteger();
    private final DtlsCounters counters;
    private final DropReports drops;
    private final Supplier<@Nullable Object> local;
    private volatile @Nullable HandshakeFailure lastFailure;

    /**
     * @param counters the transport's counters
     * @param drops where failed handshakes are reported
     * @param local this node's address, for log lines
     */
    SessionTable(DtlsCounters counters, DropReports drops, Supplier<@Nullable Object> local) {
        this.counters = counters;
        this.drops = drops;
        this.local = local;
    }

    @Nullable
    DtlsSession get(InetSocketAddress peer) {
        return sessions.get(peer);
    }

    /** @return the session already there, or {@code null} if {@code fresh} was put in */
    @Nullable
    DtlsSession putIfAbsent(DtlsSession fresh) {
        return sessions.putIfAbsent(fresh.peer, fresh);
    }

    void put(DtlsSession session) {
        sessions.put(session.peer, session);
    }

    /** Removes a session that is closed already (only if it is still the one registered). */
    void removeClosed(DtlsSession session) {
        sessions.remove(session.peer, session);
    }

    Collection<DtlsSession> all() {
        return sessions.values();
    }

    int size() {
        return sessions.size();
    }

    int handshakes() {
        return handshaking.get();
    }

    /** @return whether {@code max} handshakes are in progress, so no other may begin */
    boolean handshakesFull(int max) {
        return handshaking.get() >= max;
    }

    /** A handshake began, as client or as server (after the cookie). */
    void handshakeBegun() {
        handshaking.incrementAndGet();
        counters.handshakesStarted.increment();
    }

    /** A handshake finished. */
    void handshakeDone() {
        handshaking.decrementAndGet();
        counters.handshakesCompleted.increment();
    }

    /** Forgets a session that ended normally (close_notify received or sent). */
    void forget(DtlsSession session) {
        boolean wasHandshaking = session.state() == DtlsSession.State.HANDSHAKING;
        if (sessions.remove(session.peer, session) && wasHandshaking) {
            handshaking.decrementAndGet();
        }
    }

    /** A handshake failed: count, tell the peer if the engine can, drop the queue, forget it. */
    void fail(DtlsSession session, Throwable error) {
        boolean wasHandshaking = session.state() == DtlsSession.State.HANDSHAKING;
        session.abort();
        if (sessions.remove(session.peer, session) && wasHandshaking) {
            handshaking.decrementAndGet();
        }
        counters.queueDrops.add(session.discardPending());
        if (wasHandshaking) {
            handshakeFailed(session, error);
            drops.report(session.address, DropReason.AUTHENTICATION_FAILED);
        } else {
            LOG.log(Level.DEBUG, () -> local.get() + ": dtls session with " + session.peer + " failed: " + error);
        }
    }

    /** Counts a failed handshake (of a session, or a ClientHello refused) and keeps its cause. */
    void handshakeFailed(DtlsSession session, Throwable error) {
        counters.handshakeFailures.increment();
        HandshakeFailure failure = HandshakeFailure.of(session.address, error);
        if (failure.kind() == HandshakeFailure.Kind.SAN_MISMATCH) {
            counters.sanMismatches.increment();
        }
        lastFailure = failure;
        LOG.log(Level.DEBUG, () -> local.get() + ": dtls handshake with " + session.peer + " failed: " + error);
    }

    @Nullable
    HandshakeFailure lastFailure() {
        return lastFailure;
    }

    /** Puts {@code fresh} in place of {@code old}, taking over the sends queued on it. */
    void replace(DtlsSession old, DtlsSession fresh) {
        old.lock.lock();
        try {
            boolean wasHandshaking = old.state() == DtlsSession.State.HANDSHAKING;
            fresh.adopt(old);
            if (wasHandshaking) {
                handshaking.decrementAndGet();
            }
            old.markClosed(); // no alert: the peer's new handshake must not see one
            sessions.put(fresh.peer, fresh);
        } finally {
            old.lock.unlock();
        }
    }

    /** Forgets every session, closed by the caller. */
    void clear() {
        sessions.clear();
        handshaking.set(0);
    }
}
