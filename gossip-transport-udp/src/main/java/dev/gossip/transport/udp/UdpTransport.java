package dev.gossip.transport.udp;

import dev.gossip.Address;
import dev.gossip.IpAddress;
import dev.gossip.TransportConfig;
import dev.gossip.TransportException;
import dev.gossip.spi.Transport;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Transport} over one NIO {@link DatagramChannel} in blocking mode.
 *
 * <p><b>Addresses.</b> It binds {@link TransportConfig#bind()}, which must be an {@link IpAddress};
 * the channel's protocol family follows it (an IPv4 bind sends to IPv4 peers only; an IPv6 bind
 * such as {@code [::]} also reaches IPv4 peers). The advertised address is
 * {@link TransportConfig#advertise()} if set, with a port 0 replaced by the bound port, else the
 * bound address. A wildcard bind ({@code 0.0.0.0} or {@code [::]}) with no advertised address is
 * refused when the transport is created: no single address it could advertise is right on every
 * host, so the caller names the one peers should use.
 *
 * <p><b>Receiving.</b> One daemon thread, {@code gossip-udp-rx-<port>}, blocks in
 * {@link DatagramChannel#receive} on a reused direct buffer one byte larger than
 * {@link #maxDatagramBytes()}; a datagram that fills it is counted and reported with
 * {@link Transport.Receiver#onDrop} as {@link dev.gossip.DropReason#OVERSIZED}, never passed on
 * truncated. A receiver that throws is counted and logged; the loop goes on until {@link #close}.
 *
 * <p><b>Sending.</b> {@link #send} is safe from any number of threads and never waits for the
 * receive thread (the channel locks reads and writes separately). Failures return {@code false} and
 * are counted: too large, an address it cannot reach, closed, an I/O error, or a calling thread
 * whose interrupt flag is set (an interrupted write would close the channel for every thread). On
 * Linux an unconnected socket does not report ICMP port-unreachable, so sending to a dead peer
 * succeeds and the datagram is lost, as any datagram may be. A heap buffer is copied into a direct
 * buffer kept per sending thread (one of {@link #maxDatagramBytes()} bytes per thread that sends),
 * which the operating system call reads. The send path allocates nothing after a thread's first
 * send.
 */
public final class UdpTransport implements Transport {

    private static final System.Logger LOG = System.getLogger(UdpTransport.class.getName());
    private static final long JOIN_MILLIS = 5_000;
    /**
     * A send finding the socket's send buffer full waits up to this many times {@link
     * #SEND_WAIT_NANOS} for room (about 1 ms in all), as a blocking send would, then fails.
     */
    private static final int SEND_WAITS = 20;

    private static final long SEND_WAIT_NANOS = 50_000;

    private final TransportConfig config;
    private final IpAddress bind;
    private final @Nullable IpAddress advertise;
    private final int maxDatagramBytes;
    private final boolean ipv4Only;
    private final UdpCounters counters = new UdpCounters();
    /** Per sending thread, a direct copy of a heap datagram; {@link #maxDatagramBytes} each. */
    private final ThreadLocal<ByteBuffer> directScratch;

    private final Object lifecycle = new Object();
    private volatile @Nullable DatagramChannel channel;
    private volatile @Nullable IpAddress localAddress;
    private volatile boolean closed;
    private @Nullable Thread receiveThread;
    private volatile @Nullable UdpReceiveLoop receiveLoop;

    /**
     * A counters snapshot; each value counts since the transport was created.
     *
     * @param sent datagrams handed to the operating system
     * @param sendFailures sends refused other than for size: closed or not started, an address it
     *     cannot reach, an interrupted caller, an I/O error
     * @param sendsOversized sends refused for being larger than {@link #maxDatagramBytes()}
     * @param received datagrams passed to the receiver
     * @param receivedOversized datagrams dropped for being larger than {@link #maxDatagramBytes()}
     * @param receiverErrors calls into the receiver that threw
     * @param receiveErrors receive calls that failed with an I/O error (the loop went on)
     */
    public record Stats(
            long sent,
            long sendFailures,
            long sendsOversized,
            long received,
            long receivedOversized,
            long receiverErrors,
            long receiveErrors) {}

    /**
     * Creates a transport, not yet bound.
     *
     * @param config the settings
     * @throws IllegalArgumentException if the bind or advertised address is not an
     *     {@link IpAddress}, or the bind is a wildcard with no advertised address
     */
    public UdpTransport(TransportConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        if (!(config.bind() instanceof IpAddress ip)) {
            throw new IllegalArgumentException("the udp transport binds an IP address such as"
                    + " 127.0.0.1:7946 or [::1]:7946; bind was " + config.bind());
        }
        this.bind = ip;
        if (config.advertise() != null && !(config.advertise() instanceof IpAddress)) {
            throw new IllegalArgumentException(
                    "the udp transport advertises an IP address; advertise was " + config.advertise());
        }
        this.advertise = (IpAddress) config.advertise();
        if (advertise == null && bind.host().isAnyLocalAddress()) {
            throw new IllegalArgumentException("bind " + bind + " is a wildcard address, which"
                    + " peers cannot send to: set TransportConfig advertise to the address they"
                    + " should use (port 0 there means the bound port), or bind a specific address");
        }
        if (advertise != null && advertise.host().isAnyLocalAddress()) {
            throw new IllegalArgumentException(
                    "advertise must be an address peers can reach, not the wildcard " + advertise);
        }
        this.maxDatagramBytes = config.maxDatagramBytes();
        this.directScratch = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(maxDatagramBytes));
        this.ipv4Only = bind.host() instanceof Inet4Address;
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
            int port = ((InetSocketAddress) localSocketAddress(opened)).getPort();
            IpAddress local = advertise == null
                    ? IpAddress.of(bind.host(), port)
                    : advertise.port() == 0 ? IpAddress.of(advertise.host(), port) : advertise;
            UdpReceiveLoop loop;
            try {
                loop = new UdpReceiveLoop(opened, receiver, maxDatagramBytes, counters, () -> closed, local);
            } catch (RuntimeException e) {
                closeQuietly(opened);
                throw new TransportException("cannot receive on UDP " + bind + ": " + e.getMessage(), e);
            }
            Thread thread = new Thread(loop, "gossip-udp-rx-" + port);
            thread.setDaemon(true);
            localAddress = local;
            channel = opened;
            receiveThread = thread;
            receiveLoop = loop;
            thread.start();
            LOG.log(Level.DEBUG, "bound {0}, advertising {1}", bind, local);
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
            opened.configureBlocking(false); // the receive loop waits in a selector; see send
            int receiveBuffer = opened.getOption(StandardSocketOptions.SO_RCVBUF);
            int sendBuffer = opened.getOption(StandardSocketOptions.SO_SNDBUF);
            LOG.log(
                    Level.DEBUG,
                    "{0}: SO_RCVBUF asked {1}, granted {2}; SO_SNDBUF asked {3}, granted {4}",
                    bind,
                    config.receiveBufferBytes(),
                    receiveBuffer,
                    config.sendBufferBytes(),
                    sendBuffer);
            if (receiveBuffer < config.receiveBufferBytes()) {
                LOG.log(
                        Level.INFO,
                        "{0}: the OS granted a {1} byte receive buffer of the {2} asked;"
                                + " bursts may be lost (on Linux raise net.core.rmem_max)",
                        bind,
                        receiveBuffer,
                        config.receiveBufferBytes());
            }
            return opened;
        } catch (IOException | RuntimeException e) {
            closeQuietly(opened);
            throw new TransportException("cannot bind UDP " + bind + ": " + e.getMessage(), e);
        }
    }

    private static SocketAddress localSocketAddress(DatagramChannel opened) {
        try {
            return opened.getLocalAddress();
        } catch (IOException e) {
            closeQuietly(opened);
            throw new TransportException("cannot read the bound address of UDP channel", e);
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
        DatagramChannel out = channel;
        if (!(to instanceof IpAddress ip)
                || (ipv4Only && ip.isIpv6())
                || out == null
                || closed
                || Thread.currentThread().isInterrupted()) {
            counters.sendFailures.increment();
            return false;
        }
        try {
            ByteBuffer bytes = direct(datagram);
            boolean empty = !bytes.hasRemaining(); // then 0 bytes sent cannot say "no room"
            // non-blocking: the whole datagram, or nothing while the socket's send buffer is full
            for (int wait = 0; out.send(bytes, ip.socketAddress()) == 0 && !empty; wait++) {
                if (wait == SEND_WAITS) {
                    counters.sendFailures.increment();
                    return false;
                }
                LockSupport.parkNanos(SEND_WAIT_NANOS);
            }
            counters.sent.increment();
            return true;
        } catch (IOException | RuntimeException e) {
            counters.sendFailures.increment();
            LOG.log(Level.DEBUG, () -> "send from " + localAddress + " to " + to + " failed: " + e);
            return false;
        }
    }

    /**
     * The JDK sends a heap buffer by copying it into a temporary direct buffer that it takes from,
     * and gives back to, a per-thread cache on every call; copying into this thread's own direct
     * buffer instead is a little cheaper (0-65 ns of the sending thread's CPU per datagram on this
     * project's build machine, most for the largest datagrams, where the send system call takes
     * about 4 microseconds; see UdpSendCostMain in gossip-bench). The engine encodes into a heap
     * buffer, so this is the common case. Advances {@code datagram}'s position to its limit, as a
     * send would.
     */
    private ByteBuffer direct(ByteBuffer datagram) {
        if (datagram.isDirect()) {
            return datagram;
        }
        ByteBuffer scratch = directScratch.get();
        scratch.clear();
        scratch.put(datagram).flip();
        return scratch;
    }

    /** @return the counters so far; each call returns a new snapshot */
    public Stats stats() {
        return counters.snapshot();
    }

    /**
     * Closes the channel, which ends the receive thread, and waits for that thread to finish
     * (unless called from it). Idempotent.
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
        closeQuietly(open);
        UdpReceiveLoop loop = receiveLoop;
        if (loop != null) {
            loop.wakeup();
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.log(Level.WARNING, "{0} did not stop within {1} ms of close", thread.getName(), JOIN_MILLIS);
            }
        }
        LOG.log(Level.DEBUG, "closed {0}", localAddress);
    }

    private static void closeQuietly(@Nullable DatagramChannel open) {
        if (open == null) {
            return;
        }
        try {
            open.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing a UDP channel failed", e);
        }
    }

    @Override
    public String toString() {
        return "UdpTransport[" + (localAddress != null ? localAddress : bind) + (closed ? ", closed]" : "]");
    }
}
