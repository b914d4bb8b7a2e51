package dev.gossip.bench;

import dev.gossip.GossipNode;
import dev.gossip.transport.udp.UdpTransport;
import java.nio.ByteBuffer;
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
    @Param({"raw", "transport", "node", "dtls"})
    public String path;

    /** Bytes per datagram (for {@code node}: the gossip header plus a payload that fills the rest). */
    @Param({"64", "512", "1400"})
    public int payloadBytes;

    private UdpPath udp;

    /**
     * Opens the pair of sockets or nodes that {@link #path} names.
     *
     * @throws Exception if a socket cannot be opened
     */
    @Setup(Level.Trial)
    public void setup() throws Exception {
        udp = UdpPath.open(path, payloadBytes);
    }

    /** Closes whatever {@link #setup} opened. */
    @TearDown(Level.Trial)
    public void tearDown() {
        UdpPath.closeAll(udp);
    }

    /**
     * One datagram (or one broadcast) sent.
     *
     * @param counters the per-iteration receive counter
     * @return whether the sender accepted it
     */
    @Benchmark
    public boolean send(Counters counters) {
        return udp.send();
    }

    /** @return datagrams (or deliveries) the receiving side has counted so far */
    long received() {
        return udp.received();
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
         */
        @TearDown(Level.Iteration)
        public void drain(UdpThroughputBenchmark benchmark) {
            end = benchmark.udp.drain(20, 1_000);
        }

        /** @return datagrams received during the iteration */
        public long received() {
            return end - start;
        }
    }
}
