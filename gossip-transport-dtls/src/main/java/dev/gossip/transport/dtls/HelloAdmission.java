package dev.gossip.transport.dtls;

import dev.gossip.DropReason;
import dev.gossip.IpAddress;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a ClientHello that starts a new session gets: nothing (over the per-source rate,
 * {@link DtlsSettings#handshakesPerSecondPerSource()}), a HelloVerifyRequest (no valid cookie
 * yet), or a real handshake (the cookie proved the source address, and fewer than
 * {@link DtlsSettings#maxHandshakes()} are in progress).
 *
 * <p>The JDK's engine cannot be stateless here: it numbers its handshake messages from the first
 * ClientHello, so the engine that sent the cookie must be the one that reads it back (a fresh
 * engine ignores a ClientHello with message_seq 1). The engines waiting for their cookie are kept
 * in a table of at most {@link DtlsSettings#maxHandshakes()} entries, least recently used evicted
 * first: a flood costs bounded memory, and at worst delays a real peer, whose handshake then times
 * out and is tried again at its next send. Used by the receive thread alone.
 */
final class HelloAdmission {

    private static final System.Logger LOG = System.getLogger(DtlsTransport.class.getName());

    /** Makes a session with a new engine: (peer, client, now). */
    interface SessionFactory {
        DtlsSession create(InetSocketAddress peer, boolean client, long nowNanos);
    }

    private final SessionTable table;
    private final SessionFactory factory;
    private final DtlsCounters counters;
    private final DropReports drops;
    private final int maxHandshakes;
    private final HandshakeRateLimiter limiter;
    private final Supplier<@Nullable Object> local;
    private final Map<InetSocketAddress, DtlsSession> cookieWaiting;

    HelloAdmission(
            SessionTable table,
            SessionFactory factory,
            DtlsCounters counters,
            DropReports drops,
            DtlsSettings settings,
            Supplier<@Nullable Object> local) {
        this.table = table;
        this.factory = factory;
        this.counters = counters;
        this.drops = drops;
        this.maxHandshakes = settings.maxHandshakes();
        this.limiter = new HandshakeRateLimiter(settings.handshakesPerSecondPerSource());
        this.local = local;
        int waitingBound = settings.maxHandshakes();
        this.cookieWaiting = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, DtlsSession> eldest) {
                return size() > waitingBound;
            }
        };
    }

    /**
     * A ClientHello from {@code source} that no session of it reads.
     *
     * @param session the source's session now, which the new one will replace, or {@code null}
     */
    void admit(InetSocketAddress source, ByteBuffer datagram, @Nullable DtlsSession session, long now) {
        DtlsSession waiting = cookieWaiting.get(source);
        if (waiting != null && DtlsRecords.hasRandom(datagram, waiting.clientRandom)) {
            if (answer(waiting, datagram, session, now)) {
                return; // the ClientHello again, with the cookie (or without: a new cookie went out)
            }
            cookieWaiting.remove(source); // it had nothing to say: start over with a fresh engine
            datagram.rewind();
        }
        if (!limiter.tryAcquire(source.getAddress(), now)) {
            counters.rateLimited.increment();
            drops.report(IpAddress.of(source), DropReason.RATE_LIMITED);
            return;
        }
        DtlsSession fresh = factory.create(source, false, now);
        fresh.clientRandom = DtlsRecords.random(datagram);
        answer(fresh, datagram, session, now);
    }

    /**
     * Feeds a ClientHello to a server engine. If the engine answers with a HelloVerifyRequest (no
     * valid cookie yet), the engine waits in the bounded {@link #cookieWaiting} table; else the
     * cookie proved the source address and the engine becomes the peer's session.
     *
     * @return {@code false} if the engine had nothing to say to it
     */
    private boolean answer(DtlsSession server, ByteBuffer hello, @Nullable DtlsSession previous, long now) {
        InetSocketAddress source = server.peer;
        server.lock.lock();
        try {
            server.receive(hello, now, null);
            if (server.sentHelloVerify) {
                counters.cookiesSent.increment();
                cookieWaiting.put(source, server);
                return true;
            }
            if (!server.sentServerHello || server.state() != DtlsSession.State.HANDSHAKING) {
                return false;
            }
            cookieWaiting.remove(source);
            if (table.handshakesFull(maxHandshakes)) {
                counters.handshakesRefused.increment();
                server.markClosed();
                return true;
            }
            table.handshakeBegun();
            DtlsSession current = previous != null ? previous : table.get(source);
            if (current != null) {
                table.replace(current, server);
            } else {
                table.put(server);
            }
            return true;
        } catch (SSLException | RuntimeException e) {
            cookieWaiting.remove(source);
            table.handshakeFailed(server, e);
            drops.report(IpAddress.of(source), DropReason.AUTHENTICATION_FAILED);
            LOG.log(Level.DEBUG, () -> local.get() + ": dtls ClientHello from " + source + " refused: " + e);
            return true;
        } finally {
            server.lock.unlock();
        }
    }

    /**
     * A HelloVerifyRequest, or a repeat of the ClientHello that began it, reaching an established
     * session is a delayed duplicate; fed to the engine it would only break the session.
     */
    static boolean isStale(DtlsSession session, ByteBuffer datagram, boolean hello) {
        if (hello) {
            return !session.client && DtlsRecords.hasRandom(datagram, session.clientRandom);
        }
        return DtlsRecords.startsWithHandshake(datagram, DtlsRecords.HELLO_VERIFY_REQUEST);
    }

    /** A ClientHello to an existing session starts a new one unless it repeats the one that made it. */
    static boolean startsAnotherSession(DtlsSession session, ByteBuffer hello) {
        if (session.client) {
            return true; // the peer opens to us: a collision or a restart
        }
        return !DtlsRecords.hasRandom(hello, session.clientRandom);
    }

    /** @return source addresses the rate limiter tracks now */
    int rateLimiterSources() {
        return limiter.sources();
    }

    /** @return server engines waiting for a ClientHello with their cookie now */
    int cookiesWaiting() {
        return cookieWaiting.size();
    }
}
