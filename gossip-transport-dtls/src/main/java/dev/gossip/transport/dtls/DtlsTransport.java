package dev.gossip.transport.dtls;

import dev.gossip.Address;
import dev.gossip.DropReason;
import dev.gossip.IpAddress;
import dev.gossip.TransportConfig;
import dev.gossip.TransportException;
import dev.gossip.spi.Transport;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Transport} that carries each datagram as one DTLS 1.2 record, over one NIO
 * {@link DatagramChannel}, on the JDK's {@link SSLEngine} ({@code SSLContext.getInstance("DTLSv1.2")}).
 *
 * <p><b>Sessions.</b> One per peer socket address. The first {@link #send} to a peer starts a
 * handshake as client and queues the datagram (at most {@link DtlsSettings#maxPendingPerPeer()}
 * per peer; more are dropped and counted); the queue is sent once the handshake finishes, or
 * dropped and counted if it fails or times out. Both sides present certificates (mutual
 * authentication) from {@link DtlsSettings#keys()}, checked against its trust store, and
 * optionally against the peer's address ({@link DtlsSettings#requireSanMatch()}). If two nodes
 * open to each other at once, the one with the smaller address stays client and the other
 * answers as server, adopting its queue.
 *
 * <p><b>Unknown sources.</b> A datagram from an address with no session is passed to an engine
 * only if it is a ClientHello, and only within the per-source rate
 * ({@link DtlsSettings#handshakesPerSecondPerSource()}) and the bound on handshakes in progress
 * ({@link DtlsSettings#maxHandshakes()}). A ClientHello without a valid cookie is answered with a
 * HelloVerifyRequest (RFC 6347 section 4.2.1), which is smaller than the ClientHello, so a spoofed
 * source cannot make this node send a large flight or begin a real handshake. The JDK's engine
 * cannot be stateless here (the engine that sent the cookie must read the repeated ClientHello:
 * a fresh one ignores it, as it numbers handshake messages from the first ClientHello), so the
 * waiting engines are kept in a table of at most {@link DtlsSettings#maxHandshakes()} entries,
 * oldest evicted first: a flood costs bounded memory, and at worst delays a real peer, whose
 * handshake then times out and is tried again at its next send. Anything else from an unknown source (plaintext, garbage, records of a session
 * this node forgot) is dropped, counted as {@code unauthenticated} and reported as
 * {@link DropReason#AUTHENTICATION_FAILED}.
 *
 * <p><b>Timers.</b> One daemon thread, {@code gossip-dtls-timer-<port>}, resends handshake flights
 * whose answer is overdue (waits from {@link DtlsSettings#retransmitInitial()} doubling to
 * {@link DtlsSettings#retransmitMax()}), abandons handshakes older than
 * {@link DtlsSettings#handshakeTimeout()} and closes sessions idle for
 * {@link DtlsSettings#idleTimeout()}.
 *
 * <p><b>Keys.</b> {@link #reloadKeys()} reads the key material again; handshakes begun after it
 * use the new certificate and trust store, established sessions go on. {@link #close} sends
 * close_notify to every established peer, which forgets the session at once.
 *
 * <p><b>Sizes.</b> {@link #maxDatagramBytes()} is the plaintext limit of
 * {@link TransportConfig#maxDatagramBytes()}; a record adds {@value #RECORD_ALLOWANCE} bytes at
 * most (13 of header, 1 kind byte, and with AES-GCM 8 of nonce and 16 of tag), so the datagrams on the wire
 * are that much larger. The engine is told a maximum packet of twice that record (it fills about
 * half of its maximum with application data), so handshake flights may come in datagrams up to
 * that size; the receive buffer takes them.
 */
public final class DtlsTransport implements Transport {

    /** The bytes a record may add to its plaintext (header, nonce, tag, padding). */
    public static final int RECORD_ALLOWANCE = 128;

    private static final System.Logger LOG = System.getLogger(DtlsTransport.class.getName());
    private static final long JOIN_MILLIS = 5_000;
    private static final long TICK_MILLIS = 20;

    private final TransportConfig config;
    private final DtlsSettings settings;
    private final IpAddress bind;
    private final @Nullable IpAddress advertise;
    private final int maxDatagramBytes;
    private final int maxPacketBytes;
    private final boolean ipv4Only;
    private final ReloadableKeys keys;
    private final SSLContext context;
    private final DtlsCounters counters = new DtlsCounters();
    private final ConcurrentHashMap<InetSocketAddress, DtlsSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger handshaking = new AtomicInteger();
    private final SessionIo io = new SessionIo();
    private static final int MAX_DEFERRED_DROPS = 4_096;
    private final java.util.concurrent.ConcurrentLinkedQueue<DeferredDrop> deferredDrops =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicInteger deferredDropCount = new AtomicInteger();
    /** Application bytes released by handshake steps, for the receive thread alone. */
    private final java.util.List<byte[]> early = new java.util.ArrayList<>();
    /** Used by the receive thread alone. */
    private final HandshakeRateLimiter limiter;
    /**
     * Server engines that sent a HelloVerifyRequest and wait for the ClientHello with the cookie,
     * least recently used first, at most {@link DtlsSettings#maxHandshakes()}: the JDK's engine
     * numbers its handshake messages from the first ClientHello, so the engine that sent the
     * cookie must be the one that reads it back (a fresh engine ignores a ClientHello with
     * message_seq 1). Used by the receive thread alone.
     */
    private final Map<InetSocketAddress, DtlsSession> cookieWaiting;

    private final Object lifecycle = new Object();
    // Set by start(), so null until then; the receive thread and the timer start after them.
    private volatile @Nullable DatagramChannel channel;
    private volatile @Nullable IpAddress localAddress;
    private volatile @Nullable InetSocketAddress localSocket;
    private volatile boolean closed;
    private volatile @Nullable Receiver receiver;
    private @Nullable Thread receiveThread;
    private @Nullable ScheduledExecutorService timer;

    /**
     * A counters snapshot; each value counts since the transport was created, except the last
     * four, which are sizes now.
     *
     * @param sent records handed to the operating system (application data and handshake)
     * @param sendFailures sends refused: closed, an address it cannot reach, an I/O error, a
     *     handshake it could not start
     * @param sendsOversized sends refused for being larger than {@link #maxDatagramBytes()}
     * @param sendsQueued sends that waited for a handshake
     * @param queueDrops queued sends dropped: the queue was full, or the handshake failed or timed
     *     out
     * @param received datagrams decrypted and passed to the receiver
     * @param receivedOversized datagrams dropped for being larger than a record may be
     * @param receiverErrors calls into the receiver that threw
     * @param receiveErrors receive calls that failed with an I/O error
     * @param malformed decrypted records whose kind byte this version does not know, dropped
     * @param unauthenticated datagrams from a source with no session that were not a ClientHello
     *     (plaintext, garbage, a forgotten session's records), dropped
     * @param handshakesStarted handshakes begun, as client or as server (after the cookie)
     * @param handshakesCompleted handshakes that finished
     * @param handshakeFailures handshakes that failed (untrusted or expired certificate, a
     *     subjectAltName mismatch, a protocol error)
     * @param handshakeTimeouts handshakes abandoned after {@link DtlsSettings#handshakeTimeout()}
     * @param handshakesRefused handshakes not begun because {@link DtlsSettings#maxHandshakes()}
     *     were in progress
     * @param sanMismatches of the failures, certificates that did not name the peer's address
     * @param cookiesSent ClientHellos answered with a HelloVerifyRequest and forgotten
     * @param rateLimited ClientHellos dropped by the per-source rate
     * @param retransmissions handshake flights sent again
     * @param sessionsEvicted sessions closed for being idle
     * @param closeNotifySent close_notify alerts sent
     * @param closeNotifyReceived sessions the peer closed with close_notify
     * @param keyReloads successful {@link #reloadKeys()} calls
     * @param sessions sessions now (established and in handshake)
     * @param handshakesInProgress handshakes now
     * @param rateLimiterSources source addresses the rate limiter tracks now
     * @param cookiesWaiting server engines waiting for a ClientHello with their cookie now
     */
    public record Stats(
            long sent,
            long sendFailures,
            long sendsOversized,
            long sendsQueued,
            long queueDrops,
            long received,
            long receivedOversized,
            long receiverErrors,
            long receiveErrors,
            long malformed,
            long unauthenticated,
            long handshakesStarted,
            long handshakesCompleted,
            long handshakeFailures,
            long handshakeTimeouts,
            long handshakesRefused,
            long sanMismatches,
            long cookiesSent,
            long rateLimited,
            long retransmissions,
            long sessionsEvicted,
            long closeNotifySent,
            long closeNotifyReceived,
            long keyReloads,
            int sessions,
            int handshakesInProgress,
            int rateLimiterSources,
            int cookiesWaiting) {}

    /**
     * Creates a transport from {@link TransportConfig#properties()} (see
     * {@link DtlsSettings#fromProperties}), not yet bound.
     *
     * @param config the settings
     * @throws IllegalArgumentException if an address or property is wrong, or the key material
     *     cannot be read
     */
    public DtlsTransport(TransportConfig config) {
        this(config, DtlsSettings.fromProperties(config.properties()));
    }

    /**
     * Creates a transport, not yet bound.
     *
     * @param config the addresses and sizes
     * @param settings the key material and limits
     * @throws IllegalArgumentException if an address is wrong or the key material cannot be read
     */
    public DtlsTransport(TransportConfig config, DtlsSettings settings) {
        this.config = Objects.requireNonNull(config, "config");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!(config.bind() instanceof IpAddress ip)) {
            throw new IllegalArgumentException("the dtls transport binds an IP address such as"
                    + " 127.0.0.1:7946 or [::1]:7946; bind was " + config.bind());
        }
        this.bind = ip;
        if (config.advertise() != null && !(config.advertise() instanceof IpAddress)) {
            throw new IllegalArgumentException(
                    "the dtls transport advertises an IP address; advertise was " + config.advertise());
        }
        this.advertise = (IpAddress) config.advertise();
        if (advertise == null && bind.host().isAnyLocalAddress()) {
            throw new IllegalArgumentException("bind " + bind + " is a wildcard address, which"
                    + " peers cannot send to: set TransportConfig advertise to the address they"
                    + " should use, or bind a specific address");
        }
        this.maxDatagramBytes = config.maxDatagramBytes();
        // The JDK's DTLS engine puts at most about half its maximum packet size of application
        // data in one record (measured on JDK 17.0.15: 727 bytes for a 1,528-byte packet with
        // AES-256-GCM), and a datagram must be one record: so it is told twice the largest record.
        this.maxPacketBytes = 2 * (maxDatagramBytes + RECORD_ALLOWANCE);
        this.ipv4Only = bind.host() instanceof Inet4Address;
        this.limiter = new HandshakeRateLimiter(settings.handshakesPerSecondPerSource());
        int waitingBound = settings.maxHandshakes();
        this.cookieWaiting = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, DtlsSession> eldest) {
                return size() > waitingBound;
            }
        };
        try {
            this.keys = new ReloadableKeys(settings.keys(), settings.requireSanMatch());
            this.context = SSLContext.getInstance("DTLSv1.2");
            context.init(keys.keyManagers(), keys.trustManagers(), null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(
                    "cannot read the dtls key material " + settings.keys() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the key material again and uses it for every handshake from now on; established
     * sessions are kept. On failure the previous material stays in force.
     *
     * @throws IllegalArgumentException if the material cannot be read, naming why
     */
    public void reloadKeys() {
        reloadKeys(settings.keys());
    }

    /**
     * Puts other key material in force for every handshake from now on; established sessions are
     * kept, cached ones are not resumed (a resumption would check no certificate). On failure the previous material stays in force.
     *
     * @param material the new material
     * @throws IllegalArgumentException if the material cannot be read, naming why
     */
    public void reloadKeys(KeyMaterial material) {
        try {
            keys.load(material);
            forgetResumableSessions();
            counters.keyReloads.increment();
            LOG.log(Level.INFO, "{0}: reloaded the dtls key material {1}", localAddress, material);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(
                    "cannot reload the dtls key material " + material + ": " + e.getMessage(), e);
        }
    }

    /**
     * Ends every established session with a close_notify, so the next datagram to or from each
     * peer handshakes again with the key material in force: after {@link #reloadKeys()}, this puts
     * the new certificate to use at once rather than as sessions age out. Datagrams a peer sends
     * before it reads the close_notify are lost (as any datagram may be); the sends that follow
     * wait in the handshake queue.
     *
     * @return how many sessions were ended
     */
    public int renewSessions() {
        int ended = 0;
        for (DtlsSession session : sessions.values()) {
            session.lock.lock();
            try {
                if (session.state() == DtlsSession.State.ESTABLISHED) {
                    forget(session);
                    if (session.close()) {
                        counters.closeNotifySent.increment();
                    }
                    ended++;
                }
            } finally {
                session.lock.unlock();
            }
        }
        return ended;
    }

    /**
     * Invalidates the JDK's cache of resumable TLS sessions: a resumed (abbreviated) handshake
     * checks no certificate, so without this a peer whose CA was just dropped from the trust store
     * could come back on an old session.
     */
    private void forgetResumableSessions() {
        for (javax.net.ssl.SSLSessionContext cache :
                List.of(context.getClientSessionContext(), context.getServerSessionContext())) {
            for (java.util.Enumeration<byte[]> ids = cache.getIds(); ids.hasMoreElements(); ) {
                javax.net.ssl.SSLSession cached = cache.getSession(ids.nextElement());
                if (cached != null) {
                    cached.invalidate();
                }
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if already started or closed
     */
    @Override
    public Address start(Receiver receiver) {
        Objects.requireNonNull(receiver, "receiver");
        synchronized (lifecycle) {
            if (closed || channel != null) {
                throw new IllegalStateException(closed ? "closed" : "already started on " + localAddress);
            }
            DatagramChannel opened = open();
            int port;
            try {
                port = ((InetSocketAddress) opened.getLocalAddress()).getPort();
            } catch (IOException e) {
                closeQuietly(opened);
                throw new TransportException("cannot read the bound address of the DTLS channel", e);
            }
            IpAddress local = advertise == null
                    ? IpAddress.of(bind.host(), port)
                    : advertise.port() == 0 ? IpAddress.of(advertise.host(), port) : advertise;
            this.receiver = receiver;
            localAddress = local;
            localSocket = local.socketAddress();
            channel = opened;
            DtlsReceiveLoop loop = new DtlsReceiveLoop(this, opened, maxPacketBytes, local);
            Thread thread = new Thread(loop, "gossip-dtls-rx-" + port);
            thread.setDaemon(true);
            receiveThread = thread;
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "gossip-dtls-timer-" + port);
                t.setDaemon(true);
                return t;
            });
            timer = ticker;
            ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
            thread.start();
            LOG.log(Level.DEBUG, "dtls bound {0}, advertising {1}", bind, local);
            return local;
        }
    }

    private DatagramChannel open() {
        DatagramChannel opened = null;
        try {
            opened = DatagramChannel.open(ipv4Only ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
            opened.setOption(StandardSocketOptions.SO_RCVBUF, config.receiveBufferBytes());
            opened.setOption(StandardSocketOptions.SO_SNDBUF, config.sendBufferBytes());
            opened.bind(bind.socketAddress());
            return opened;
        } catch (IOException | RuntimeException e) {
            closeQuietly(opened);
            throw new TransportException("cannot bind DTLS " + bind + ": " + e.getMessage(), e);
        }
    }

    @Override
    public @Nullable Address localAddress() {
        return localAddress;
    }

    @Override
    public int maxDatagramBytes() {
        return maxDatagramBytes;
    }

    @Override
    public boolean send(Address to, ByteBuffer datagram) {
        if (datagram.remaining() > maxDatagramBytes) {
            counters.sendsOversized.increment();
            return false;
        }
        if (!(to instanceof IpAddress ip)
                || (ipv4Only && ip.isIpv6())
                || channel == null
                || closed
                || Thread.currentThread().isInterrupted()) {
            counters.sendFailures.increment();
            return false;
        }
        InetSocketAddress peer = ip.socketAddress();
        long now = System.nanoTime();
        for (int attempt = 0; attempt < 3; attempt++) {
            DtlsSession session = sessions.get(peer);
            if (session == null) {
                session = startClient(peer, ip, now);
                if (session == null) {
                    counters.sendFailures.increment();
                    return false;
                }
            }
            session.lock.lock();
            try {
                if (session.state() == DtlsSession.State.CLOSED) {
                    continue; // replaced or failed meanwhile: look again
                }
                DtlsSession.SendResult result = session.send(datagram, now);
                switch (result) {
                    case SENT:
                        return true;
                    case QUEUED:
                        counters.sendsQueued.increment();
                        return true;
                    case QUEUE_FULL:
                        counters.queueDrops.increment();
                        return false;
                    default:
                        counters.sendFailures.increment();
                        return false;
                }
            } catch (SSLException | RuntimeException e) {
                counters.sendFailures.increment();
                LOG.log(Level.DEBUG, () -> "dtls send to " + to + " failed: " + e);
                return false;
            } finally {
                session.lock.unlock();
            }
        }
        counters.sendFailures.increment();
        return false;
    }

    /** Creates, registers and begins a client session; {@code null} if the bound is reached. */
    private @Nullable DtlsSession startClient(InetSocketAddress peer, IpAddress ip, long now) {
        if (handshaking.get() >= settings.maxHandshakes()) {
            counters.handshakesRefused.increment();
            return null;
        }
        DtlsSession fresh = newSession(peer, true, now);
        fresh.lock.lock();
        try {
            DtlsSession existing = sessions.putIfAbsent(peer, fresh);
            if (existing != null) {
                return existing;
            }
            handshaking.incrementAndGet();
            counters.handshakesStarted.increment();
            try {
                fresh.begin();
            } catch (SSLException | RuntimeException e) {
                fail(fresh, e);
            }
            return fresh;
        } finally {
            fresh.lock.unlock();
        }
    }

    DtlsSession newSession(InetSocketAddress peer, boolean client, long now) {
        SSLEngine engine = context.createSSLEngine(peer.getAddress().getHostAddress(), peer.getPort());
        engine.setUseClientMode(client);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setMaximumPacketSize(maxPacketBytes);
        parameters.setEnableRetransmissions(true);
        if (!client) {
            parameters.setNeedClientAuth(true);
        }
        parameters.setCipherSuites(preferredSuites(parameters.getCipherSuites()));
        parameters.setUseCipherSuitesOrder(true);
        engine.setSSLParameters(parameters);
        return new DtlsSession(
                peer,
                engine,
                client,
                io,
                settings.maxPendingPerPeer(),
                now,
                settings.handshakeTimeout().toNanos(),
                settings.retransmitInitial().toNanos());
    }

    /**
     * The JDK's suites with AES-128-GCM over ECDHE moved to the front: each datagram is one record,
     * so the per-record cipher cost is the transport's cost, and AES-128 does 10 rounds to
     * AES-256's 14 for the same protection this use needs; ChaCha20 has no intrinsic on JDK 17.
     */
    private static String[] preferredSuites(String[] enabled) {
        java.util.List<String> ordered = new java.util.ArrayList<>();
        for (String preferred : PREFERRED_SUITES) {
            if (Arrays.asList(enabled).contains(preferred)) {
                ordered.add(preferred);
            }
        }
        for (String suite : enabled) {
            if (!ordered.contains(suite)) {
                ordered.add(suite);
            }
        }
        return ordered.toArray(String[]::new);
    }

    private static final String[] PREFERRED_SUITES = {
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
    };

    /** A handshake failed: count, tell the peer if the engine can, drop the queue, forget it. */
    void fail(DtlsSession session, Throwable error) {
        boolean wasHandshaking = session.state() == DtlsSession.State.HANDSHAKING;
        session.abort();
        if (sessions.remove(session.peer, session) && wasHandshaking) {
            handshaking.decrementAndGet();
        }
        counters.queueDrops.add(session.discardPending());
        if (wasHandshaking) {
            counters.handshakeFailures.increment();
            if (causedBySan(error)) {
                counters.sanMismatches.increment();
            }
            LOG.log(Level.DEBUG, () -> localAddress + ": dtls handshake with " + session.peer + " failed: " + error);
            report(session.address, DropReason.AUTHENTICATION_FAILED);
        } else {
            LOG.log(Level.DEBUG, () -> localAddress + ": dtls session with " + session.peer + " failed: " + error);
        }
    }

    private static boolean causedBySan(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ReloadableKeys.SanMismatchException) {
                return true;
            }
        }
        return false;
    }

    /** Forgets a session that ended normally (close_notify received or sent). */
    void forget(DtlsSession session) {
        boolean wasHandshaking = session.state() == DtlsSession.State.HANDSHAKING;
        if (sessions.remove(session.peer, session) && wasHandshaking) {
            handshaking.decrementAndGet();
        }
    }

    // ---- receive side, called by DtlsReceiveLoop on the receive thread ----

    /** One datagram from {@code source}; {@code datagram} is flipped and valid during the call. */
    void onDatagram(InetSocketAddress source, ByteBuffer datagram) {
        long now = System.nanoTime();
        DtlsSession session = sessions.get(source);
        boolean hello = DtlsRecords.isClientHello(datagram);
        if (session != null && session.state() == DtlsSession.State.ESTABLISHED && isStale(session, datagram, hello)) {
            return; // a late copy of a handshake message this session is past
        }
        if (session != null && !(hello && startsAnotherSession(session, datagram))) {
            receiveInto(session, datagram, now);
            return;
        }
        if (!hello) {
            counters.unauthenticated.increment();
            report(IpAddress.of(source), DropReason.AUTHENTICATION_FAILED);
            return;
        }
        if (session != null
                && session.client
                && session.state() == DtlsSession.State.HANDSHAKING
                && compare(Objects.requireNonNull(localSocket, "set by start before receiving"), source) < 0) {
            return; // both opened at once; the smaller address stays client, the peer will answer
        }
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
            report(IpAddress.of(source), DropReason.RATE_LIMITED);
            return;
        }
        DtlsSession fresh = newSession(source, false, now);
        fresh.clientRandom = DtlsRecords.random(datagram);
        answer(fresh, datagram, session, now);
    }

    /**
     * A HelloVerifyRequest, or a repeat of the ClientHello that began it, reaching an established
     * session is a delayed duplicate; fed to the engine it would only break the session.
     */
    private static boolean isStale(DtlsSession session, ByteBuffer datagram, boolean hello) {
        if (hello) {
            return !session.client && DtlsRecords.hasRandom(datagram, session.clientRandom);
        }
        return DtlsRecords.startsWithHandshake(datagram, DtlsRecords.HELLO_VERIFY_REQUEST);
    }

    /** A ClientHello to an existing session starts a new one unless it repeats the one that made it. */
    private static boolean startsAnotherSession(DtlsSession session, ByteBuffer hello) {
        if (session.client) {
            return true; // the peer opens to us: a collision or a restart
        }
        return !DtlsRecords.hasRandom(hello, session.clientRandom);
    }

    private void receiveInto(DtlsSession session, ByteBuffer datagram, long now) {
        while (true) {
            ByteBuffer plaintext = null;
            session.lock.lock();
            try {
                if (session.state() == DtlsSession.State.CLOSED) {
                    return;
                }
                plaintext = session.receive(datagram, now, early);
                if (session.state() == DtlsSession.State.CLOSED) {
                    counters.closeNotifyReceived.increment();
                    forget(session);
                    session.discardPending();
                }
            } catch (SSLException | RuntimeException e) {
                fail(session, e);
                return;
            } finally {
                session.lock.unlock();
            }
            // The receiver runs with no session lock held (see DtlsSession#receive).
            for (byte[] bytes : early) {
                deliver(session.address, ByteBuffer.wrap(bytes));
            }
            early.clear();
            if (plaintext == null) {
                return;
            }
            deliver(session.address, plaintext);
            if (!datagram.hasRemaining()) {
                return;
            }
        }
    }

    /** Hands one datagram's plaintext to the receiver; never called with a session lock held. */
    private void deliver(IpAddress from, ByteBuffer plaintext) {
        if (plaintext.remaining() > maxDatagramBytes) {
            counters.receivedOversized.increment();
            report(from, DropReason.OVERSIZED);
            return;
        }
        Receiver r = Objects.requireNonNull(receiver, "set by start before receiving");
        counters.received.increment();
        try {
            r.onDatagram(from, plaintext);
        } catch (Throwable t) {
            counters.receiverErrors.increment();
            LOG.log(Level.DEBUG, "the receiver on " + localAddress + " threw; receiving goes on", t);
        }
    }

    /**
     * Feeds a ClientHello to a server engine. If the engine answers with a HelloVerifyRequest (no
     * valid cookie yet), the engine waits in the bounded {@link #cookieWaiting} table; else the
     * cookie proved the source address and the engine becomes the peer's session.
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
            if (handshaking.get() >= settings.maxHandshakes()) {
                counters.handshakesRefused.increment();
                server.markClosed();
                return true;
            }
            handshaking.incrementAndGet();
            counters.handshakesStarted.increment();
            DtlsSession current = previous != null ? previous : sessions.get(source);
            if (current != null) {
                replace(current, server);
            } else {
                sessions.put(source, server);
            }
            return true;
        } catch (SSLException | RuntimeException e) {
            cookieWaiting.remove(source);
            counters.handshakeFailures.increment();
            report(IpAddress.of(source), DropReason.AUTHENTICATION_FAILED);
            LOG.log(Level.DEBUG, () -> localAddress + ": dtls ClientHello from " + source + " refused: " + e);
            return true;
        } finally {
            server.lock.unlock();
        }
    }

    /** Puts {@code fresh} in place of {@code old}, taking over the sends queued on it. */
    private void replace(DtlsSession old, DtlsSession fresh) {
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

    static int compare(InetSocketAddress a, InetSocketAddress b) {
        int c = Arrays.compareUnsigned(
                a.getAddress().getAddress(), b.getAddress().getAddress());
        return c != 0 ? c : Integer.compare(a.getPort(), b.getPort());
    }

    /**
     * Reports a drop to the receiver later, from the receive thread or the timer with no session
     * lock held: the code that finds a drop often holds one, and a receiver may wait for a lock a
     * sending thread holds while that thread waits for the session. At most
     * {@value #MAX_DEFERRED_DROPS} wait; more are counted in the transport's counters only.
     */
    void report(IpAddress from, DropReason reason) {
        if (deferredDropCount.incrementAndGet() > MAX_DEFERRED_DROPS) {
            deferredDropCount.decrementAndGet();
            return;
        }
        deferredDrops.add(new DeferredDrop(from, reason));
    }

    /** Passes the deferred drops to the receiver; called with no session lock held. */
    void flushDrops() {
        Receiver r = receiver;
        DeferredDrop drop;
        while ((drop = deferredDrops.poll()) != null) {
            deferredDropCount.decrementAndGet();
            if (r == null) {
                continue;
            }
            try {
                r.onDrop(drop.from(), drop.reason());
            } catch (Throwable t) {
                counters.receiverErrors.increment();
            }
        }
    }

    private record DeferredDrop(IpAddress from, DropReason reason) {}

    DtlsCounters counters() {
        return counters;
    }

    boolean closing() {
        return closed;
    }

    // ---- timer ----

    private void tick() {
        try {
            expireAndRetransmit();
        } catch (RuntimeException e) { // an exception would cancel the timer for good
            LOG.log(Level.WARNING, "the dtls timer on " + localAddress + " failed; it goes on", e);
        }
        flushDrops();
    }

    private void expireAndRetransmit() {
        long now = System.nanoTime();
        long idle = settings.idleTimeout().toNanos();
        long maxInterval = settings.retransmitMax().toNanos();
        for (DtlsSession session : sessions.values()) {
            if (closed) {
                return;
            }
            session.lock.lock();
            try {
                switch (session.state()) {
                    case HANDSHAKING -> {
                        if (now - session.handshakeDeadlineNanos() > 0) {
                            counters.handshakeTimeouts.increment();
                            forget(session);
                            session.abort();
                            counters.queueDrops.add(session.discardPending());
                        } else if (session.retransmitIfDue(now, maxInterval)) {
                            counters.retransmissions.increment();
                        }
                    }
                    case ESTABLISHED -> {
                        if (now - session.lastActivityNanos() > idle) {
                            counters.sessionsEvicted.increment();
                            forget(session);
                            if (session.close()) {
                                counters.closeNotifySent.increment();
                            }
                        }
                    }
                    default -> sessions.remove(session.peer, session);
                }
            } catch (SSLException | RuntimeException e) {
                fail(session, e);
            } finally {
                session.lock.unlock();
            }
        }
    }

    /** @return the counters so far; each call returns a new snapshot */
    public Stats stats() {
        DtlsCounters c = counters;
        return new Stats(
                c.sent.sum(),
                c.sendFailures.sum(),
                c.sendsOversized.sum(),
                c.sendsQueued.sum(),
                c.queueDrops.sum(),
                c.received.sum(),
                c.receivedOversized.sum(),
                c.receiverErrors.sum(),
                c.receiveErrors.sum(),
                c.malformed.sum(),
                c.unauthenticated.sum(),
                c.handshakesStarted.sum(),
                c.handshakesCompleted.sum(),
                c.handshakeFailures.sum(),
                c.handshakeTimeouts.sum(),
                c.handshakesRefused.sum(),
                c.sanMismatches.sum(),
                c.cookiesSent.sum(),
                c.rateLimited.sum(),
                c.retransmissions.sum(),
                c.sessionsEvicted.sum(),
                c.closeNotifySent.sum(),
                c.closeNotifyReceived.sum(),
                c.keyReloads.sum(),
                sessions.size(),
                handshaking.get(),
                limiter.sources(),
                cookieWaiting.size());
    }

    /** @return the settings this transport runs with */
    public DtlsSettings settings() {
        return settings;
    }

    /**
     * Sends close_notify to every established peer, closes the channel (which ends the receive
     * thread) and waits for that thread. Idempotent.
     */
    @Override
    public void close() {
        Thread thread;
        DatagramChannel open;
        ScheduledExecutorService timerToStop;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            thread = receiveThread;
            open = channel;
            timerToStop = timer;
        }
        if (timerToStop != null) {
            timerToStop.shutdownNow();
        }
        for (DtlsSession session : sessions.values()) {
            session.lock.lock();
            try {
                if (session.close()) {
                    counters.closeNotifySent.increment();
                }
            } finally {
                session.lock.unlock();
            }
        }
        sessions.clear();
        handshaking.set(0);
        closeQuietly(open);
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.log(Level.DEBUG, "closed dtls {0}", localAddress);
    }

    private static void closeQuietly(@Nullable DatagramChannel open) {
        if (open == null) {
            return;
        }
        try {
            open.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing a DTLS channel failed", e);
        }
    }

    @Override
    public String toString() {
        return "DtlsTransport[" + (localAddress != null ? localAddress : bind) + (closed ? ", closed]" : "]");
    }

    /** What sessions need from the transport: the channel, the receiver, scratch buffers. */
    private final class SessionIo implements DtlsSession.Io {
        private final ThreadLocal<ByteBuffer> net =
                ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(Math.max(maxPacketBytes, 17 * 1024)));
        private final ThreadLocal<ByteBuffer> app = ThreadLocal.withInitial(() -> ByteBuffer.allocate(17 * 1024));
        private final ThreadLocal<ByteBuffer> plain =
                ThreadLocal.withInitial(() -> ByteBuffer.allocate(maxDatagramBytes + 1));

        @Override
        public void malformed(IpAddress from) {
            counters.malformed.increment();
            report(from, DropReason.MALFORMED);
        }

        @Override
        public ByteBuffer plainScratch() {
            return plain.get().clear();
        }

        @Override
        public boolean sendRecord(ByteBuffer record, InetSocketAddress to) {
            DatagramChannel out = channel;
            if (out == null) {
                return false;
            }
            try {
                out.send(record, to);
                counters.sent.increment();
                return true;
            } catch (IOException | RuntimeException e) {
                counters.sendFailures.increment();
                return false;
            }
        }

        @Override
        public void established(DtlsSession session) {
            handshaking.decrementAndGet();
            counters.handshakesCompleted.increment();
            LOG.log(Level.DEBUG, () -> localAddress + ": dtls session with " + session.peer + " established");
        }

        @Override
        public ByteBuffer netScratch() {
            return net.get().clear();
        }

        @Override
        public ByteBuffer appScratch() {
            return app.get().clear();
        }
    }
}
