package dev.gossip.bench;

import dev.gossip.Address;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.IpAddress;
import dev.gossip.NodeId;
import dev.gossip.TransportConfig;
import dev.gossip.core.Gossip;
import dev.gossip.core.codec.BinaryCodec;
import dev.gossip.transport.dtls.DtlsSettings;
import dev.gossip.transport.dtls.DtlsTransport;
import dev.gossip.transport.dtls.KeyMaterial;
import dev.gossip.transport.dtls.ThrowawayCa;
import dev.gossip.transport.udp.UdpTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One sender and one counting receiver on UDP loopback, opened by name, the same datagram size for
 * each: {@code raw} (a plain NIO pair, {@link RawUdpPair}), {@code transport} (our
 * {@link UdpTransport} to another one, the payload handed over in a heap buffer as the engine
 * hands it) or {@code node} (two gossip nodes, binary codec, a fixed view: {@link
 * GossipNode#broadcast(ByteBuffer)} on one, decode + dedup + delivery to a counting listener on the
 * other) or {@code dtls} (our {@link DtlsTransport} to another one, each with a certificate from a
 * CA made in memory, the handshake done in the warm-up: each datagram is one DTLS 1.2 record,
 * AES-GCM sealed and opened). Shared by {@link UdpThroughputBenchmark} and {@link UdpRatioMain}. {@link #send} is
 * called from one thread.
 */
abstract class UdpPath implements AutoCloseable {

    /** Every path's name, in the order the tables print them; {@code raw} is the baseline. */
    static final List<String> NAMES = List.of("raw", "transport", "node", "dtls");

    final ReceiveCount count = new ReceiveCount();

    /** @return whether the sender accepted one more datagram (or broadcast) */
    abstract boolean send();

    /** @return datagrams (or deliveries) the receiving side has counted so far */
    final long received() {
        return count.get();
    }

    /**
     * Waits until the receiver has counted nothing new for {@code quietMillis} (at most
     * {@code maxMillis}), so that datagrams still queued in the socket buffer count as received,
     * not lost.
     *
     * @return the count then
     */
    final long drain(long quietMillis, long maxMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        long last = -1;
        long now = received();
        while (now != last && System.nanoTime() < deadline) {
            last = now;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(quietMillis));
            now = received();
        }
        return now;
    }

    /**
     * @param name raw, transport, node or dtls
     * @param payloadBytes bytes per datagram (for {@code node}: the whole datagram, header included)
     * @return the opened path, its receive thread running
     * @throws IOException if a socket cannot be opened
     */
    static UdpPath open(String name, int payloadBytes) throws IOException {
        ByteBuffer payload = ByteBuffer.allocate(payloadBytes);
        new SplittableRandom(42).nextBytes(payload.array());
        return switch (name) {
            case "raw" -> new RawPath(payloadBytes);
            case "transport" -> new TransportPath(payload);
            case "node" -> new NodePath(payload);
            case "dtls" -> new DtlsPath(payload);
            default -> throw new IllegalArgumentException("path must be one of " + NAMES + ": " + name);
        };
    }

    static TransportConfig transportConfig() {
        return TransportConfig.builder().bind(IpAddress.parse("127.0.0.1:0")).build();
    }

    /** Closes each of {@code closeables} that is not null; the first failure is rethrown unchecked. */
    static void closeAll(AutoCloseable... closeables) {
        for (AutoCloseable c : closeables) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Override
    public abstract void close();

    private static final class RawPath extends UdpPath {
        private final RawUdpPair pair;

        RawPath(int payloadBytes) throws IOException {
            pair = RawUdpPair.open(payloadBytes, count);
        }

        @Override
        boolean send() {
            return pair.send();
        }

        @Override
        public void close() {
            closeAll(pair);
        }
    }

    private static final class TransportPath extends UdpPath {
        private final UdpTransport sender = new UdpTransport(transportConfig());
        private final UdpTransport receiver = new UdpTransport(transportConfig());
        private final Address target;
        private final ByteBuffer payload;

        TransportPath(ByteBuffer payload) {
            this.payload = payload;
            target = receiver.start((from, datagram) -> count.increment());
            sender.start((from, datagram) -> {});
        }

        @Override
        boolean send() {
            payload.clear();
            return sender.send(target, payload);
        }

        @Override
        public void close() {
            closeAll(sender, receiver);
        }
    }

    private static final class DtlsPath extends UdpPath {
        private static final char[] PASSWORD = "bench".toCharArray();
        private final DtlsTransport sender;
        private final DtlsTransport receiver;
        private final Address target;
        private final ByteBuffer payload;

        DtlsPath(ByteBuffer payload) {
            this.payload = payload;
            ThrowawayCa ca = ThrowawayCa.create("bench CA", new java.security.SecureRandom());
            sender = new DtlsTransport(transportConfig(), DtlsSettings.defaults(keys(ca, "sender")));
            receiver = new DtlsTransport(transportConfig(), DtlsSettings.defaults(keys(ca, "receiver")));
            target = receiver.start((from, datagram) -> count.increment());
            sender.start((from, datagram) -> {});
            // Handshake before any window: one datagram, then wait (at most 10 s) for it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received() == 0 && System.nanoTime() < deadline) {
                payload.clear();
                sender.send(target, payload);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            if (received() == 0) {
                closeAll(sender, receiver);
                throw new IllegalStateException("the dtls handshake did not complete within 10 s");
            }
        }

        private static KeyMaterial keys(ThrowawayCa ca, String name) {
            ThrowawayCa.Issued issued = ca.issue(name, java.net.InetAddress.getLoopbackAddress());
            return KeyMaterial.of(issued.keyStore(PASSWORD), PASSWORD, ca.trustStore());
        }

        @Override
        boolean send() {
            payload.clear();
            return sender.send(target, payload);
        }

        @Override
        public void close() {
            closeAll(sender, receiver);
        }
    }

    private static final class NodePath extends UdpPath {
        private final GossipNode sending;
        private final GossipNode receiving;
        private final ByteBuffer payload;
        private final int payloadBytes;

        NodePath(ByteBuffer payload) {
            GossipConfig config = GossipConfig.local().toBuilder()
                    .maxPayloadBytes(TransportConfig.DEFAULT_MAX_DATAGRAM_BYTES)
                    .transport(transportConfig())
                    .build();
            receiving = Gossip.builder(config)
                    .transport(new UdpTransport(config.transport()))
                    .membership(FixedMembership.provider(List.of()))
                    .build();
            receiving.addMessageListener(delivery -> count.increment());
            receiving.start();
            NodeId target = receiving.id();
            sending = Gossip.builder(config)
                    .transport(new UdpTransport(config.transport()))
                    .membership(FixedMembership.provider(List.of(target)))
                    .build();
            sending.start();
            // The same datagram size as the other paths: the payload is what the gossip header leaves.
            int overhead = new BinaryCodec(config).gossipOverhead(sending.id());
            this.payloadBytes = Math.max(0, payload.capacity() - overhead);
            this.payload = payload;
        }

        @Override
        boolean send() {
            payload.limit(payloadBytes).position(0);
            sending.broadcast(payload);
            return true;
        }

        @Override
        public void close() {
            closeAll(sending, receiving);
        }
    }
}
