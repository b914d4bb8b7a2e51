package dev.gossip.bench;

import dev.gossip.Address;
import dev.gossip.Delivery;
import dev.gossip.DisseminationConfig;
import dev.gossip.GossipConfig;
import dev.gossip.NodeId;
import dev.gossip.NodeSnapshot;
import dev.gossip.ViewChange;
import dev.gossip.core.GossipEngine;
import dev.gossip.core.SeenMessages;
import dev.gossip.core.codec.BinaryCodecProvider;
import dev.gossip.spi.Codec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The receive path of one node: a gossip datagram arrives, is decoded, found new, delivered and
 * forwarded to every partial-view member.
 *
 * <ul>
 *   <li>{@link #receiveAndForward}: one {@link GossipEngine} (binary codec, a fixed partial view of
 *       {@link #viewSize} members) handed a pre-encoded datagram whose id is rewritten in place each
 *       time (no allocation), through onDatagram, decode, dedup, delivery to a no-op listener and
 *       one encoded forward per member to an outbound that only hands the buffer to a Blackhole.
 *   <li>{@link #baseline}: the work no implementation can avoid: read the id, one insert into a
 *       primitive set of ids ({@link SeenMessages}, as the engine's), one copy of the received
 *       bytes and one copy of the frame (hop count bumped) per member.
 * </ul>
 *
 * Quick run: {@code java -jar benchmarks.jar HotPath -f 1 -wi 2 -i 3 -w 1s -r 1s}; add
 * {@code -prof gc} for the bytes allocated per operation, which should be 0 for both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmark {

    /** Partial-view size: (c+1)·ln n is about 8 for c = 1 and n = 55, 9 for n = 100. */
    @Param("8")
    public int viewSize;

    /** Payload bytes per message. */
    @Param("64")
    public int payloadBytes;

    /**
     * The engine's dissemination: {@code flood} forwards to every member; {@code tree} pushes over
     * the eager links (all of them here: the sender is not a neighbour, so nothing is pruned) and
     * also records each payload in the graft history, the tree's extra work per first receipt.
     */
    @Param({"flood", "tree"})
    public String dissemination;

    private GossipEngine engine;
    private Address from;
    private ByteBuffer datagram;
    private int frameLength;
    private int idHighOffset;
    private int idLowOffset;
    private int hopsOffset;
    private long nextId;

    private SeenMessages seen;
    private ByteBuffer scratch;
    private byte[] received;
    private Address[] targets;

    /**
     * Builds the engine and the pre-encoded datagram.
     *
     * @param blackhole where the outbound hands every datagram
     */
    @Setup
    public void setup(Blackhole blackhole) {
        GossipConfig config = GossipConfig.local().toBuilder()
                .dissemination(DisseminationConfig.Mode.parse(dissemination))
                .build();
        List<NodeId> view = new ArrayList<>();
        for (int i = 0; i < viewSize; i++) {
            view.add(NodeId.parse("127.0.1." + (i + 1) + ":7946"));
        }
        NodeId self = NodeId.parse("127.0.0.1:7946");
        from = NodeId.parse("127.0.2.1:7946").address();
        NodeId origin = NodeId.parse("127.0.3.1:7946");
        Codec codec = new BinaryCodecProvider().create(config);
        int maxDatagram = config.transport().maxDatagramBytes();

        ByteBuffer payload = ByteBuffer.allocate(payloadBytes);
        new SplittableRandom(42).nextBytes(payload.array());
        FrameLayout layout = FrameLayout.of(codec, origin, payload, maxDatagram);
        datagram = layout.frame();
        frameLength = datagram.limit();
        idHighOffset = layout.idHighOffset();
        idLowOffset = layout.idLowOffset();
        hopsOffset = layout.hopsOffset();
        nextId = 0;

        GossipEngine.Outbound outbound = new GossipEngine.Outbound() {
            @Override
            public boolean send(Address to, ByteBuffer bytes) {
                blackhole.consume(bytes);
                return true;
            }

            @Override
            public int maxDatagramBytes() {
                return maxDatagram;
            }
        };
        GossipEngine.Events events = new GossipEngine.Events() {
            @Override
            public void onDelivery(Delivery delivery) {}

            @Override
            public void onViewChange(ViewChange change) {}

            @Override
            public void onError(String context, Throwable error) {
                throw new IllegalStateException(context, error);
            }
        };
        engine = new GossipEngine(
                config,
                self,
                codec,
                FixedMembership.provider(view),
                new SplittableRandom(7),
                System::nanoTime,
                outbound,
                events);

        seen = new SeenMessages(config.dedupCapacity());
        scratch = ByteBuffer.allocate(maxDatagram);
        received = new byte[maxDatagram];
        targets = view.stream().map(NodeId::address).toArray(Address[]::new);
    }

    /**
     * One new gossip datagram through the engine.
     *
     * @return the engine, so that nothing is dead code
     */
    @Benchmark
    public GossipEngine receiveAndForward() {
        datagram.putLong(idLowOffset, ++nextId);
        datagram.limit(frameLength).position(0);
        engine.onDatagram(from, datagram);
        return engine;
    }

    /**
     * The irreducible work of the same step.
     *
     * @param blackhole where each copy goes
     * @return whether the id was new
     */
    @Benchmark
    public boolean baseline(Blackhole blackhole) {
        datagram.putLong(idLowOffset, ++nextId);
        boolean fresh = seen.add(datagram.getLong(idHighOffset), datagram.getLong(idLowOffset));
        if (fresh) {
            datagram.get(0, received, 0, frameLength);
            byte hops = (byte) (received[hopsOffset] + 1);
            byte[] copy = scratch.array();
            for (Address target : targets) {
                System.arraycopy(received, 0, copy, 0, frameLength);
                copy[hopsOffset] = hops;
                scratch.limit(frameLength).position(0);
                blackhole.consume(target);
                blackhole.consume(scratch);
            }
        }
        return fresh;
    }

    /** @return the number of gossip frames the engine delivered, for the smoke test */
    long delivered() {
        return engine.snapshot(NodeSnapshot.State.RUNNING).delivered();
    }

    /** @return the number of frames the engine forwarded, for the smoke test */
    long forwarded() {
        return engine.snapshot(NodeSnapshot.State.RUNNING).forwarded();
    }

    /** @return the number of datagrams the engine dropped, for the smoke test */
    long dropped() {
        return engine.snapshot(NodeSnapshot.State.RUNNING).totalDrops();
    }
}
