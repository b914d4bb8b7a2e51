package dev.gossip.bench;

import dev.gossip.DropReason;
import dev.gossip.NodeId;
import dev.gossip.core.codec.BinaryCodec;
import dev.gossip.spi.Codec;
import dev.gossip.spi.FrameHandler;
import dev.gossip.spi.GossipFrame;
import dev.gossip.spi.MembershipMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
 * The {@code binary} codec, one frame per operation, for each frame type:
 *
 * <ul>
 *   <li>{@link #copyBaseline}: copy a gossip frame's bytes into the output buffer, the least any
 *       encoder does; every other figure is read as a ratio to it;
 *   <li>{@link #encodeGossip} (a new broadcast), {@link #encodeForward} (a received frame re-sent
 *       with one more hop) and {@link #decodeGossip} (validate and wrap; reads id, hops, origin);
 *   <li>{@link #encodeMembership} and {@link #decodeMembership}: a SCAMP forwarded subscription
 *       with a subject and {@link #membershipNodes} node addresses (a shuffle-sized list).
 * </ul>
 *
 * Gossip decoding and forwarding allocate nothing; decoding a membership frame allocates the
 * message record and its node ids (they are handed to the membership, which may keep them).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    /** Payload bytes of the gossip frame. */
    @Param({"64", "1024"})
    public int payloadBytes;

    /** Node addresses carried by the membership frame. */
    @Param("8")
    public int membershipNodes;

    private Codec codec;
    private NodeId origin;
    private ByteBuffer payload;
    private ByteBuffer gossipFrame;
    private ByteBuffer membershipFrame;
    private MembershipMessage membershipMessage;
    private ByteBuffer out;
    private GossipFrame decodedGossip;
    private final Handler handler = new Handler();
    private long nextId;

    /** Encodes the frames every decode benchmark reads. */
    @Setup
    public void setup() {
        codec = new BinaryCodec(Math.max(payloadBytes, 1400));
        origin = NodeId.parse("10.0.0.1:7946");
        payload = ByteBuffer.allocate(payloadBytes);
        new SplittableRandom(42).nextBytes(payload.array());
        out = ByteBuffer.allocate(payloadBytes + 256);
        gossipFrame = ByteBuffer.allocate(payloadBytes + 256);
        codec.encodeGossip(1L, 2L, origin, 3, payload, gossipFrame);
        gossipFrame.flip();
        codec.decode(gossipFrame.duplicate(), handler);
        decodedGossip = Objects.requireNonNull(handler.gossip, "the encoded gossip frame decoded to nothing");
        List<NodeId> nodes = new ArrayList<>();
        for (int i = 0; i < membershipNodes; i++) {
            nodes.add(NodeId.parse("10.0.1." + (i + 1) + ":7946"));
        }
        membershipMessage = new MembershipMessage(2, origin, NodeId.parse("10.0.2.1:7946"), 5, nodes);
        membershipFrame = ByteBuffer.allocate(1400);
        codec.encodeMembership(membershipMessage, membershipFrame);
        membershipFrame.flip();
    }

    /**
     * The floor: one bulk copy of a gossip frame.
     *
     * @return the output buffer
     */
    @Benchmark
    public ByteBuffer copyBaseline() {
        out.clear();
        out.put(0, gossipFrame, 0, gossipFrame.limit());
        out.position(gossipFrame.limit());
        return out;
    }

    /** @return the output buffer holding a freshly encoded broadcast frame */
    @Benchmark
    public ByteBuffer encodeGossip() {
        out.clear();
        codec.encodeGossip(7L, ++nextId, origin, 0, payload, out);
        return out;
    }

    /** @return the output buffer holding the decoded frame re-encoded with one more hop */
    @Benchmark
    public ByteBuffer encodeForward() {
        out.clear();
        codec.encodeForward(decodedGossip, out);
        return out;
    }

    /**
     * Decodes a gossip frame and reads what dissemination needs.
     *
     * @param blackhole sink of the decoded fields
     */
    @Benchmark
    public void decodeGossip(Blackhole blackhole) {
        gossipFrame.position(0);
        codec.decode(gossipFrame, handler);
        // the handler throws on a drop, so a decode leaves a frame (the check folds into the deref)
        GossipFrame frame = Objects.requireNonNull(handler.gossip);
        blackhole.consume(frame.idHigh() ^ frame.idLow() + frame.hops());
        blackhole.consume(frame.origin());
    }

    /** @return the output buffer holding the encoded membership frame */
    @Benchmark
    public ByteBuffer encodeMembership() {
        out.clear();
        codec.encodeMembership(membershipMessage, out);
        return out;
    }

    /** @return the decoded membership message */
    @Benchmark
    public @Nullable MembershipMessage decodeMembership() {
        membershipFrame.position(0);
        codec.decode(membershipFrame, handler);
        return handler.membership;
    }

    /** @return the message the last {@code decodeGossip} saw, for the smoke test */
    @Nullable
    GossipFrame lastGossip() {
        return handler.gossip;
    }

    /** Keeps the last result of each kind; fails loudly on a drop, which would be a broken setup. */
    private static final class Handler implements FrameHandler {
        @Nullable
        GossipFrame gossip;

        @Nullable
        MembershipMessage membership;

        @Override
        public void onGossip(GossipFrame frame) {
            gossip = frame;
        }

        @Override
        public void onMembership(MembershipMessage message) {
            membership = message;
        }

        @Override
        public void onDrop(DropReason reason) {
            throw new IllegalStateException("benchmark frame dropped: " + reason);
        }
    }
}
