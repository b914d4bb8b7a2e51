package dev.gossip.bench;

import dev.gossip.Address;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.IpAddress;
import dev.gossip.NodeId;
import dev.gossip.TransportConfig;
import dev.gossip.core.Gossip;
import dev.gossip.core.codec.BinaryCodec;
import dev.gossip.transport.udp.UdpTransport;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Datagrams per second from one sending thread to one receiving thread over UDP loopback, and how
 * many of them arrive, for three senders in the same run:
 *
 * <ul>
 *   <li>{@code raw}: the baseline, a plain NIO {@code DatagramChannel} pair (blocking, direct
 *       buffers, 4 MiB receive buffer) with a counting receive loop;
 *   <li>{@code transport}: our {@link UdpTransport} to another {@link UdpTransport} whose receiver
 *       counts, the buffer handed over as the engine hands it (heap);
 *   <li>{@code node}: two gossip nodes (binary codec, UDP, a fixed view): the benchmark thread calls
 *       {@link GossipNode#broadcast(ByteBuffer)} on one, the other decodes, de-duplicates and
 *       delivers each message to a counting listener under its node lock.
 * </ul>
 *
 * The primary score is datagrams sent per second; the secondary {@code received} score is those
 * that arrived per second, so loss is {@code 1 - received / score}. The receive count is read
 * after each iteration has drained (see {@link Counters#drain}).
 *
 * <p>Run: {@code java -jar benchmarks.jar UdpThroughput -f 1 -wi 3 -i 5 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UdpThroughputBenchmark {

    /** Which sender and receiver: raw, transport or node. */
    @Param({"raw", "transport", "node"})
    public String path;

    /** Bytes handed to the sender per datagram (for {@code node}: the payload of the message). */
    @Param({"64", "512", "1400"})
    public int payloadBytes;

    private final ReceiveCount count = new ReceiveCount();
    private RawUdpPair raw;
    private UdpTransport sender;
    private UdpTransport receiver;
    private Address receiverAddress;
    private GossipNode sendingNode;
    private GossipNode receivingNode;
    private ByteBuffer heapPayload;
    private int nodePayloadBytes;

    /**
     * Opens the pair of sockets or nodes that {@link #path} names.
     *
     * @throws Exception if a socket cannot be opened
     */
    @Setup(Level.Trial)
    public void setup() throws Exception {
        heapPayload = ByteBuffer.allocate(payloadBytes);
        new SplittableRandom(42).nextBytes(heapPayload.array());
        switch (path) {
            case "raw" -> raw = RawUdpPair.open(payloadBytes, count);
            case "transport" -> {
                receiver = new UdpTransport(transportConfig());
                receiverAddress = receiver.start((from, datagram) -> count.increment());
                sender = new UdpTransport(transportConfig());
                sender.start((from, datagram) -> { });
            }
            case "node" -> openNodes();
            default -> throw new IllegalArgumentException("path must be raw, transport or node: " + path);
        }
    }

    private void openNodes() {
        GossipConfig config = GossipConfig.local().toBuilder()
                .maxPayloadBytes(TransportConfig.DEFAULT_MAX_DATAGRAM_BYTES)
                .transport(transportConfig())
                .build();
        UdpTransport rx = new UdpTransport(config.transport());
        UdpTransport tx = new UdpTransport(config.transport());
        receivingNode = Gossip.builder(config).transport(rx).membership(FixedMembership.provider(List.of()))
                .build();
        receivingNode.addMessageListener(delivery -> count.increment());
        receivingNode.start();
        NodeId target = receivingNode.id();
        sendingNode = Gossip.builder(config).transport(tx).membership(FixedMembership.provider(List.of(target)))
                .build();
        sendingNode.start();
        // The same datagram size as the other paths: the payload is what the gossip header leaves.
        int overhead = new BinaryCodec(config).gossipOverhead(sendingNode.id());
        heapPayload.limit(Math.max(0, payloadBytes - overhead));
        nodePayloadBytes = heapPayload.limit();
    }

    private static TransportConfig transportConfig() {
        return TransportConfig.builder().bind(IpAddress.parse("127.0.0.1:0")).build();
    }

    /** Closes whatever {@link #setup} opened. */
    @TearDown(Level.Trial)
    public void tearDown() {
        for (AutoCloseable c : new AutoCloseable[] {raw, sender, receiver, sendingNode, receivingNode}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /**
     * One datagram (or one broadcast) sent.
     *
     * @param counters the per-iteration receive counter
     * @return whether the sender accepted it
     */
    @Benchmark
    public boolean send(Counters counters) {
        switch (path) {
            case "raw":
                return raw.send();
            case "transport":
                heapPayload.clear();
                return sender.send(receiverAddress, heapPayload);
            default:
                heapPayload.limit(nodePayloadBytes).position(0);
                sendingNode.broadcast(heapPayload);
                return true;
        }
    }

    /** @return datagrams (or deliveries) the receiving side has counted so far */
    long received() {
        return count.get();
    }

    /**
     * The receive count of one iteration, reported by JMH as a secondary rate.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        private long start;
        private long end;

        /** Marks the count at the start of the iteration. */
        @Setup(Level.Iteration)
        public void mark(UdpThroughputBenchmark benchmark) {
            start = benchmark.received();
            end = start;
        }

        /**
         * Waits until the receiver has been idle for 20 ms (at most 1 s), so that datagrams still
         * queued in the socket buffer count as received, not as lost.
         *
         * @param benchmark the benchmark state
         * @throws InterruptedException if interrupted
         */
        @TearDown(Level.Iteration)
        public void drain(UdpThroughputBenchmark benchmark) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            long last = -1;
            long now = benchmark.received();
            while (now != last && System.nanoTime() < deadline) {
                last = now;
                Thread.sleep(20);
                now = benchmark.received();
            }
            end = now;
        }

        /** @return datagrams received during the iteration */
        public long received() {
            return end - start;
        }
    }
}
