package dev.gossip.transport.dtls;

import dev.gossip.IpAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * One peer's DTLS session: its {@link SSLEngine}, the sends waiting for its handshake, and its
 * retransmission timer. Every engine call happens under {@link #lock}, from whichever thread
 * arrives (a sender, the receive thread, the timer), so the engine never sees two threads at
 * once.
 */
final class DtlsSession {

    enum State {
        HANDSHAKING,
        ESTABLISHED,
        CLOSED
    }

    /** Where the session's records go, and what it reports. Implemented by the transport. */
    interface Io {
        /** Sends one datagram to the peer; returns false if it could not. */
        boolean sendRecord(ByteBuffer record, InetSocketAddress to);

        /** The handshake finished: this session now carries application data. */
        void established(DtlsSession session);

        /** A scratch buffer for engine output, cleared; per thread. */
        ByteBuffer netScratch();

        /** An application record whose kind byte is unknown. */
        void malformed(IpAddress from);

        /** A scratch buffer for plaintext to encrypt, cleared; per thread. */
        ByteBuffer plainScratch();

        /** A scratch buffer for decrypted bytes, cleared; per thread. */
        ByteBuffer appScratch();
    }

    /**
     * The first byte of every application record: the JDK's engine sends nothing for an empty
     * buffer, so an empty datagram needs one byte to exist, and the byte leaves room for other
     * kinds later (append only).
     */
    static final byte DATA_KIND = 0;

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();
    private static final int MAX_STEPS = 64;

    final InetSocketAddress peer;
    final IpAddress address;
    final boolean client;
    final ReentrantLock lock = new ReentrantLock();
    private final SSLEngine engine;
    private final Io io;
    private final int maxPending;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    /** The random of the ClientHello that began this session (server side), to spot repeats. */
    volatile byte @Nullable [] clientRandom;
    /** Set when this engine answered with a HelloVerifyRequest (a ClientHello without a cookie). */
    boolean sentHelloVerify;
    /** Set when this engine answered with a ServerHello: the cookie was good, the handshake is on. */
    boolean sentServerHello;

    private volatile State state = State.HANDSHAKING;
    private volatile long lastReceivedNanos;
    private final long handshakeDeadlineNanos;
    private long retransmitIntervalNanos;
    private long nextRetransmitNanos;

    DtlsSession(
            InetSocketAddress peer,
            SSLEngine engine,
            boolean client,
            Io io,
            int maxPending,
            long nowNanos,
            long handshakeTimeoutNanos,
            long retransmitInitialNanos) {
        this.peer = peer;
        this.address = IpAddress.of(peer);
        this.engine = engine;
        this.client = client;
        this.io = io;
        this.maxPending = maxPending;
        this.lastReceivedNanos = nowNanos;
        this.handshakeDeadlineNanos = nowNanos + handshakeTimeoutNanos;
        this.retransmitIntervalNanos = retransmitInitialNanos;
        this.nextRetransmitNanos = nowNanos + retransmitInitialNanos;
    }

    State state() {
        return state;
    }

    long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    long handshakeDeadlineNanos() {
        return handshakeDeadlineNanos;
    }

    /** Starts a client handshake: sends the ClientHello. Caller holds the lock. */
    void begin() throws SSLException {
        engine.beginHandshake();
        drive(null);
    }

    /** The outcome of {@link #send}. */
    enum SendResult {
        SENT,
        QUEUED,
        QUEUE_FULL,
        FAILED
    }

    /** Sends (or queues, during the handshake) one application datagram. Caller holds the lock. */
    SendResult send(ByteBuffer datagram, long nowNanos) throws SSLException {
        switch (state) {
            case ESTABLISHED:
                // sending does not count: a peer that restarted with no close_notify never answers
                // this session, and only silence lets it be found (DtlsSettings.idleTimeout)
                return wrapApplication(datagram) ? SendResult.SENT : SendResult.FAILED;
            case HANDSHAKING:
                if (pending.size() >= maxPending) {
                    return SendResult.QUEUE_FULL;
                }
                byte[] copy = new byte[datagram.remaining()];
                datagram.get(copy);
                pending.add(copy);
                return SendResult.QUEUED;
            default:
                return SendResult.FAILED;
        }
    }

    /** Moves another session's queued sends here (a handshake collision turned us to server). */
    int adopt(DtlsSession other) {
        int moved = 0;
        byte[] next;
        while ((next = other.pending.poll()) != null) {
            if (pending.size() < maxPending) {
                pending.add(next);
                moved++;
            }
        }
        return moved;
    }

    /** @return how many queued sends were discarded */
    int discardPending() {
        int n = pending.size();
        pending.clear();
        return n;
    }

    int pendingCount() {
        return pending.size();
    }

    private boolean wrapApplication(ByteBuffer datagram) throws SSLException {
        ByteBuffer plain = io.plainScratch();
        plain.put(DATA_KIND).put(datagram).flip();
        int length = plain.remaining();
        ByteBuffer net = io.netScratch();
        SSLEngineResult result = engine.wrap(plain, net);
        if (result.getStatus() != SSLEngineResult.Status.OK || result.bytesConsumed() != length) {
            return false; // never send a datagram split over two records
        }
        net.flip();
        return io.sendRecord(net, peer);
    }

    /**
     * Feeds the records of one received datagram to the engine until one decrypts to application
     * bytes, the datagram is used up, or the peer closes; answers what the handshake asks. Caller
     * holds the lock and hands the result to the receiver only after releasing it: a receiver may
     * wait for a lock that a sending thread holds while that thread waits for this session.
     *
     * @param later where application bytes released by a handshake step are copied, or
     *     {@code null} to drop them
     * @return this thread's scratch buffer holding one datagram's plaintext (past the kind byte),
     *     or {@code null} if the records held none; {@link #state()} tells whether the peer closed
     */
    @Nullable
    ByteBuffer receive(ByteBuffer datagram, long nowNanos, @Nullable List<byte[]> later) throws SSLException {
        sentHelloVerify = false;
        sentServerHello = false;
        for (int step = 0; datagram.hasRemaining() && step < MAX_STEPS; step++) {
            ByteBuffer app = io.appScratch();
            SSLEngineResult result = engine.unwrap(datagram, app);
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                state = State.CLOSED;
                return null;
            }
            if (result.getStatus() != SSLEngineResult.Status.OK) {
                return null; // a truncated or malformed record: the rest of the datagram is not readable
            }
            if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                finish(nowNanos);
            }
            if (app.position() > 0) {
                lastReceivedNanos = nowNanos;
                app.flip();
                if (app.get() == DATA_KIND) {
                    return app;
                }
                io.malformed(address);
                continue;
            }
            drive(later);
            if (result.bytesConsumed() == 0) {
                return null;
            }
        }
        return null;
    }

    /** Runs the engine's handshake steps until it waits for the peer. Caller holds the lock. */
    private void drive(@Nullable List<byte[]> later) throws SSLException {
        for (int step = 0; step < MAX_STEPS; step++) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                case NEED_WRAP -> {
                    ByteBuffer net = io.netScratch();
                    SSLEngineResult result = engine.wrap(EMPTY, net);
                    net.flip();
                    if (net.hasRemaining()) {
                        if (!client && DtlsRecords.startsWithHandshake(net, DtlsRecords.HELLO_VERIFY_REQUEST)) {
                            sentHelloVerify = true;
                        }
                        if (!client && DtlsRecords.startsWithHandshake(net, DtlsRecords.SERVER_HELLO)) {
                            sentServerHello = true;
                        }
                        io.sendRecord(net, peer);
                    }
                    if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                        finish(System.nanoTime());
                    }
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        state = State.CLOSED;
                        return;
                    }
                }
                case NEED_UNWRAP_AGAIN -> {
                    ByteBuffer app = io.appScratch();
                    SSLEngineResult result = engine.unwrap(EMPTY, app);
                    if (app.position() > 0) {
                        app.flip();
                        if (app.get() == DATA_KIND && later != null) {
                            byte[] copy = new byte[app.remaining()];
                            app.get(copy);
                            later.add(copy);
                        }
                    }
                    if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                        finish(System.nanoTime());
                    }
                }
                default -> {
                    return; // NEED_UNWRAP or NOT_HANDSHAKING: the peer's turn
                }
            }
        }
    }

    private void finish(long nowNanos) throws SSLException {
        if (state != State.HANDSHAKING) {
            return;
        }
        state = State.ESTABLISHED;
        lastReceivedNanos = nowNanos;
        io.established(this);
        byte[] next;
        while ((next = pending.poll()) != null) {
            wrapApplication(ByteBuffer.wrap(next));
        }
    }

    /**
     * Sends the last flight again if its time has come (the peer's answer was lost), doubling the
     * wait up to {@code maxIntervalNanos}. Caller holds the lock.
     *
     * @return whether it retransmitted
     */
    boolean retransmitIfDue(long nowNanos, long maxIntervalNanos) throws SSLException {
        if (state != State.HANDSHAKING || nowNanos < nextRetransmitNanos) {
            return false;
        }
        retransmitIntervalNanos = Math.min(maxIntervalNanos, retransmitIntervalNanos * 2);
        nextRetransmitNanos = nowNanos + retransmitIntervalNanos;
        if (engine.getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP) {
            return false;
        }
        ByteBuffer net = io.netScratch();
        engine.wrap(EMPTY, net); // in NEED_UNWRAP, a wrap means "resend the last flight" to the JDK
        net.flip();
        if (net.hasRemaining()) {
            io.sendRecord(net, peer);
        }
        drive(null);
        return true;
    }

    /** Sends close_notify (if established) and marks the session closed. Caller holds the lock. */
    boolean close() {
        boolean notified = false;
        if (state == State.ESTABLISHED) {
            try {
                engine.closeOutbound();
                ByteBuffer net = io.netScratch();
                engine.wrap(EMPTY, net);
                net.flip();
                notified = net.hasRemaining() && io.sendRecord(net, peer);
            } catch (SSLException | RuntimeException e) {
                // closing anyway
            }
        }
        state = State.CLOSED;
        return notified;
    }

    /** Marks the session closed without a word to the peer (it was replaced). */
    void markClosed() {
        state = State.CLOSED;
    }

    /** After a failed handshake: send the engine's alert if it has one, and mark closed. */
    void abort() {
        try {
            engine.closeOutbound();
            ByteBuffer net = io.netScratch();
            engine.wrap(EMPTY, net);
            net.flip();
            if (net.hasRemaining()) {
                io.sendRecord(net, peer);
            }
        } catch (SSLException | RuntimeException e) {
            // the engine is broken already; nothing to tell the peer
        }
        state = State.CLOSED;
    }

    @Override
    public String toString() {
        return "DtlsSession[" + peer + ", " + (client ? "client" : "server") + ", " + state + "]";
    }
}
