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
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
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
 * source cannot make this node send a large flight or begin a real handshake ({@link HelloAdmission}
 * says why the engines waiting for their cookie are kept, in a bounded table). Anything else from
 * an unknown source (plaintext, garbage, records of a session this node forgot) is dropped, counted
 * as {@code unauthenticated} and reported as {@link DropReason#AUTHENTICATION_FAILED}.
 *
 * <p><b>Timers.</b> One daemon thread ({@link HandshakeTimer}) resends handshake flights whose
 * answer is overdue, abandons handshakes older than {@link DtlsSettings#handshakeTimeout()} and
 * closes sessions that received nothing for {@link DtlsSettings#idleTimeout()}.
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

    private final TransportConfig config;
    private final DtlsSettings settings;
    private final IpAddress bind;
    private final @Nullable IpAddress advertise;
    private final int maxDatagramBytes;
    private final int maxPacketBytes;
    private final boolean ipv4Only;
    private final ReloadableKeys keys;
    private final DtlsCounters counters = new DtlsCounters();
    private final DropReports drops = new DropReports();
    private final SessionTable sessions;
    private final DtlsEngines engines;
    /** Used by the receive thread alone. */
    private final HelloAdmission admission;

    private final HandshakeTimer timer;

    private final Object lifecycle = new Object();
    // Set by start(), so null until then; the receive thread and the timer start after them.
    private volatile @Nullable DatagramChannel channel;
    private volatile @Nullable IpAddress localAddress;
    private volatile boolean closed;
    private volatile @Nullable Receiver receiver;
    private @Nullable Thread receiveThread;

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
        SSLContext context;
        try {
            this.keys = new ReloadableKeys(settings.keys(), settings.requireSanMatch());
            context = SSLContext.getInstance("DTLSv1.2");
            context.init(keys.keyManagers(), keys.trustManagers(), null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(
                    "cannot read the dtls key material " + settings.keys() + ": " + e.getMessage(), e);
        }
        Supplier<@Nullable Object> local = () -> localAddress;
        this.sessions = new SessionTable(counters, drops, local);
        DtlsSessionIo io =
                new DtlsSessionIo(sessions, counters, drops, () -> channel, local, maxPacketBytes, maxDatagramBytes);
        this.engines = new DtlsEngines(context, settings, maxPacketBytes, io);
        this.admission = new HelloAdmission(sessions, engines, counters, drops, settings, local);
        this.timer = new HandshakeTimer(sessions, settings, counters, () -> closed, this::flushDrops);
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
            engines.forgetResumableSessions();
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
        for (DtlsSession session : sessions.all()) {
            session.lock.lock();
            try {
                if (session.state() == DtlsSession.State.ESTABLISHED) {
                    sessions.forget(session);
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
            channel = opened;
            DtlsInbound inbound =
                    new DtlsInbound(sessions, admission, counters, drops, receiver, local, maxDatagramBytes);
            DtlsReceiveLoop loop = new DtlsReceiveLoop(this, inbound, opened, maxPacketBytes, local);
            Thread thread = new Thread(loop, "gossip-dtls-rx-" + port);
            thread.setDaemon(true);
            receiveThread = thread;
            timer.start(port);
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
        if (sessions.handshakesFull(settings.maxHandshakes())) {
            counters.handshakesRefused.increment();
            return null;
        }
        DtlsSession fresh = engines.create(peer, true, now);
        fresh.lock.lock();
        try {
            DtlsSession existing = sessions.putIfAbsent(fresh);
            if (existing != null) {
                return existing;
            }
            sessions.handshakeBegun();
            try {
                fresh.begin();
            } catch (SSLException | RuntimeException e) {
                sessions.fail(fresh, e);
            }
            return fresh;
        } finally {
            fresh.lock.unlock();
        }
    }

    /** Reports a drop to the receiver later, with no session lock held (see {@link DropReports}). */
    void report(IpAddress from, DropReason reason) {
        drops.report(from, reason);
    }

    /** Passes the deferred drops to the receiver; called with no session lock held. */
    void flushDrops() {
        drops.flush(receiver, counters);
    }

    DtlsCounters counters() {
        return counters;
    }

    boolean closing() {
        return closed;
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
                sessions.handshakes(),
                admission.rateLimiterSources(),
                admission.cookiesWaiting());
    }

    /**
     * @return why the latest failed handshake failed (this node refused the peer's certificate, or
     *     the peer refused this node's), or {@code null} if none has failed; a node that cannot
     *     join names it (handshakes that time out are counted in {@link Stats#handshakeTimeouts()})
     */
    public @Nullable HandshakeFailure lastHandshakeFailure() {
        return sessions.lastFailure();
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
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            thread = receiveThread;
            open = channel;
        }
        timer.stop();
        for (DtlsSession session : sessions.all()) {
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
}
