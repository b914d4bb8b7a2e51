package dev.gossip.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.DropReason;
import dev.gossip.GossipConfig;
import dev.gossip.MessageId;
import dev.gossip.NodeId;
import dev.gossip.OpaqueAddress;
import dev.gossip.spi.Codec;
import dev.gossip.spi.DigestFrame;
import dev.gossip.spi.FrameHandler;
import dev.gossip.spi.GossipFrame;
import dev.gossip.spi.MembershipMessage;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Codec} must do: round trips of gossip and membership frames over IPv4, IPv6 and
 * opaque addresses, forwarding, and a decoder that survives any input (truncated, random, mutated)
 * with exactly one handler call and never an exception. A codec's test extends this class and
 * implements {@link #createCodec}.
 */
public abstract class CodecContract {

    /** An IPv4 node. */
    protected static final NodeId IPV4 = NodeId.parse("10.1.2.3:7946");
    /** An IPv6 node. */
    protected static final NodeId IPV6 = NodeId.parse("[2001:db8::17]:65535");
    /** An opaque (in-memory) node. */
    protected static final NodeId OPAQUE = new NodeId(OpaqueAddress.of("mem", "node-1"));
    /** An opaque node with the largest scheme and value, the scheme not ASCII. */
    protected static final NodeId OPAQUE_MAX = new NodeId(
            OpaqueAddress.of("é".repeat(OpaqueAddress.MAX_SCHEME_BYTES / 2), new byte[OpaqueAddress.MAX_VALUE_BYTES]));
    /** Every kind of node above. */
    protected static final List<NodeId> NODES = List.of(IPV4, IPV6, OPAQUE, OPAQUE_MAX);

    private static final long SEED = 0xC0DEC_2026L;
    private static final int FUZZ_ROUNDS = 4_000;

    /** The codec under test, made fresh for each test from {@link #config()}. */
    protected Codec codec;

    /**
     * @param config the node's config
     * @return a new codec for it
     */
    protected abstract Codec createCodec(GossipConfig config);

    /** @return the config the codec is made with; {@link GossipConfig#lan()} unless overridden */
    protected GossipConfig config() {
        return GossipConfig.lan();
    }

    @BeforeEach
    void createCodecUnderTest() {
        codec = createCodec(config());
    }

    /**
     * Encodes a gossip frame into a fresh buffer, flipped.
     *
     * @param high upper 64 bits of the id
     * @param low lower 64 bits of the id
     * @param origin the broadcasting node
     * @param hops the hop count
     * @param payload the payload
     * @return the frame bytes
     */
    protected ByteBuffer gossipFrame(long high, long low, NodeId origin, int hops, byte[] payload) {
        ByteBuffer dst = ByteBuffer.allocate(1 << 16);
        codec.encodeGossip(high, low, origin, hops, ByteBuffer.wrap(payload), dst);
        return dst.flip();
    }

    /**
     * @param message a membership message
     * @return the message encoded into a fresh buffer, flipped
     */
    protected ByteBuffer membershipFrame(MembershipMessage message) {
        ByteBuffer dst = ByteBuffer.allocate(1 << 16);
        codec.encodeMembership(message, dst);
        return dst.flip();
    }

    /**
     * Encodes an anti-entropy frame into a fresh buffer, flipped.
     *
     * @param kind the frame's kind
     * @param ids the ids as (high, low) pairs
     * @return the frame bytes
     */
    protected ByteBuffer digestFrame(int kind, long... ids) {
        ByteBuffer dst = ByteBuffer.allocate(1 << 16);
        codec.encodeDigest(kind, ids, ids.length / 2, dst);
        return dst.flip();
    }

    @Test
    void digestFramesRoundTripForEveryKindAndCount() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int kind : new int[] {DigestFrame.DIGEST, DigestFrame.DIGEST_REPLY, DigestFrame.REQUEST}) {
            for (int count : new int[] {0, 1, 2, 80}) {
                long[] ids = new long[2 * count];
                List<MessageId> expected = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    ids[2 * i] = random.nextLong();
                    ids[2 * i + 1] = random.nextLong();
                    expected.add(new MessageId(ids[2 * i], ids[2 * i + 1]));
                }
                RecordingFrameHandler h = decode(digestFrame(kind, ids));
                assertThat(h.digests())
                        .as("kind %d, %d ids, seed %d", kind, count, SEED)
                        .containsExactly(new RecordingFrameHandler.Digest(kind, expected));
            }
        }
        long[] tooMany = new long[2 * (DigestFrame.MAX_IDS + 1)];
        assertThatThrownBy(() -> codec.encodeDigest(
                        DigestFrame.DIGEST, tooMany, DigestFrame.MAX_IDS + 1, ByteBuffer.allocate(1 << 16)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.encodeDigest(DigestFrame.REQUEST, new long[2], 1, ByteBuffer.allocate(10)))
                .isInstanceOf(BufferOverflowException.class);
    }

    /**
     * @param src the bytes to decode
     * @return what decoding {@code src} produced, after checking it made exactly one call
     */
    protected RecordingFrameHandler decode(ByteBuffer src) {
        RecordingFrameHandler handler = new RecordingFrameHandler();
        codec.decode(src, handler);
        assertThat(handler.calls()).as("handler calls per decode").isEqualTo(1);
        return handler;
    }

    @Test
    void gossipRoundTripsForEveryAddressKindAndPayloadSize() {
        int max = config().maxPayloadBytes();
        for (NodeId origin : NODES) {
            for (int size : new int[] {0, 1, 100, max}) {
                byte[] payload = randomBytes(new SplittableRandom(SEED + size), size);
                ByteBuffer frame = gossipFrame(0x1122334455667788L, -2L, origin, 7, payload);
                assertThat(frame.remaining())
                        .as("frame size = overhead + payload")
                        .isEqualTo(codec.gossipOverhead(origin) + size);
                RecordingFrameHandler h = decode(frame);
                assertThat(h.gossip()).as("origin %s, payload %d", origin, size).hasSize(1);
                RecordingFrameHandler.Gossip g = h.gossip().get(0);
                assertThat(g.id()).isEqualTo(new MessageId(0x1122334455667788L, -2L));
                assertThat(g.origin()).isEqualTo(origin);
                assertThat(g.hops()).isEqualTo(7);
                assertThat(g.payload()).isEqualTo(payload);
            }
        }
    }

    @Test
    void encodingAdvancesDstOnlyAndLeavesThePayloadPosition() {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {9, 8, 7, 6, 5}).position(2);
        ByteBuffer dst = ByteBuffer.allocate(256).position(10);
        codec.encodeGossip(1, 2, IPV4, 0, payload, dst);
        assertThat(payload.position()).isEqualTo(2);
        assertThat(dst.position()).isEqualTo(10 + codec.gossipOverhead(IPV4) + 3);
        RecordingFrameHandler h = decode(dst.flip().position(10));
        assertThat(h.gossip().get(0).payload()).containsExactly(7, 6, 5);
    }

    @Test
    void decodesFromDirectAndLittleEndianBuffers() {
        ByteBuffer frame = gossipFrame(-1L, 42L, IPV6, 255, new byte[] {1, 2, 3});
        ByteBuffer direct = ByteBuffer.allocateDirect(frame.remaining() + 3).order(ByteOrder.LITTLE_ENDIAN);
        direct.position(3).put(frame).flip().position(3);
        RecordingFrameHandler.Gossip g = decode(direct).gossip().get(0);
        assertThat(g.id()).isEqualTo(new MessageId(-1L, 42L));
        assertThat(g.hops()).isEqualTo(255);
        assertThat(g.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void payloadIsReadOnly() {
        ByteBuffer frame = gossipFrame(1, 1, OPAQUE, 0, new byte[] {4});
        withFrame(frame, f -> {
            assertThat(f.payload().isReadOnly()).isTrue();
            assertThat(f.payloadBytes()).containsExactly(4);
        });
    }

    @Test
    void membershipRoundTripsWithAndWithoutSubjectAndNodes() {
        List<NodeId> many = new ArrayList<>();
        for (int i = 0; i < MembershipMessage.MAX_NODES; i++) {
            many.add(NODES.get(i % NODES.size()));
        }
        List<MembershipMessage> messages = new ArrayList<>();
        for (NodeId sender : NODES) {
            messages.add(MembershipMessage.of(0, sender));
            messages.add(MembershipMessage.of(MembershipMessage.MAX_TYPE, sender, IPV6, MembershipMessage.MAX_COUNTER));
            messages.add(new MembershipMessage(3, sender, null, 1, List.of(OPAQUE, IPV4)));
        }
        messages.add(new MembershipMessage(9, IPV4, OPAQUE_MAX, 12_345, many));
        messages.add(new MembershipMessage(9, IPV4, null, 0, many.subList(0, 100)));
        for (MembershipMessage m : messages) {
            RecordingFrameHandler h = decode(membershipFrame(m));
            assertThat(h.membership()).as("message %s", m).containsExactly(m);
        }
    }

    @Test
    void forwardingAddsOneHopAndKeepsEverythingElse() {
        byte[] payload = {1, 2, 3, 4};
        for (int hops : new int[] {0, 1, 254, 255}) {
            ByteBuffer frame = gossipFrame(77, 88, OPAQUE, hops, payload);
            ByteBuffer forwarded = ByteBuffer.allocate(512);
            withFrame(frame.duplicate(), f -> codec.encodeForward(f, forwarded));
            forwarded.flip();
            assertThat(forwarded.remaining()).isEqualTo(frame.remaining());
            RecordingFrameHandler.Gossip g = decode(forwarded).gossip().get(0);
            assertThat(g.hops()).as("hops after forwarding %d", hops).isEqualTo(Math.min(255, hops + 1));
            assertThat(g.id()).isEqualTo(new MessageId(77, 88));
            assertThat(g.origin()).isEqualTo(OPAQUE);
            assertThat(g.payload()).isEqualTo(payload);
        }
    }

    @Test
    void encodingIntoTooSmallABufferThrowsBufferOverflow() {
        int frameSize = gossipFrame(1, 2, IPV4, 0, new byte[10]).remaining();
        ByteBuffer payload = ByteBuffer.wrap(new byte[10]);
        assertThatThrownBy(() -> codec.encodeGossip(1, 2, IPV4, 0, payload, ByteBuffer.allocate(frameSize - 1)))
                .isInstanceOf(BufferOverflowException.class);
        MembershipMessage m = new MembershipMessage(1, IPV6, IPV6, 0, List.of(IPV6, IPV6));
        int messageSize = membershipFrame(m).remaining();
        assertThatThrownBy(() -> codec.encodeMembership(m, ByteBuffer.allocate(messageSize - 1)))
                .isInstanceOf(BufferOverflowException.class);
        ByteBuffer frame = gossipFrame(1, 2, IPV4, 0, new byte[10]);
        withFrame(
                frame,
                f -> assertThatThrownBy(() -> codec.encodeForward(f, ByteBuffer.allocate(frameSize - 1)))
                        .isInstanceOf(BufferOverflowException.class));
    }

    @Test
    void everyTruncatedPrefixIsDropped() {
        for (ByteBuffer valid : validFrames()) {
            byte[] bytes = toArray(valid);
            for (int length = 0; length < bytes.length; length++) {
                RecordingFrameHandler h = decode(ByteBuffer.wrap(bytes, 0, length));
                assertThat(h.drops())
                        .as("prefix of %d of %d bytes", length, bytes.length)
                        .hasSize(1);
            }
        }
    }

    @Test
    void randomInputNeverThrowsAndCallsTheHandlerOnce() {
        SplittableRandom random = new SplittableRandom(SEED);
        byte[] header = Arrays.copyOf(toArray(validFrames().get(0)), 4);
        for (int round = 0; round < FUZZ_ROUNDS; round++) {
            byte[] input = randomBytes(random, random.nextInt(0, 400));
            if (round % 2 == 0 && input.length >= header.length) {
                System.arraycopy(header, 0, input, 0, header.length);
                input[3] = (byte) random.nextInt(1, 4);
            }
            decodeSafely(input, "seed " + SEED + " round " + round);
        }
    }

    @Test
    void mutatedFramesNeverThrowAndCallTheHandlerOnce() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        List<ByteBuffer> frames = validFrames();
        for (int round = 0; round < FUZZ_ROUNDS; round++) {
            byte[] input = toArray(frames.get(random.nextInt(frames.size())));
            int mutations = random.nextInt(1, 4);
            for (int m = 0; m < mutations; m++) {
                int kind = random.nextInt(4);
                if (kind == 0 || input.length == 0) {
                    input = Arrays.copyOf(input, input.length + random.nextInt(1, 20));
                } else if (kind == 1) {
                    input = Arrays.copyOf(input, random.nextInt(input.length));
                } else {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
            }
            decodeSafely(input, "seed " + (SEED + 1) + " round " + round);
        }
    }

    /**
     * Decodes {@code frame}, which must be a valid gossip frame, and runs {@code action} on it during
     * the handler call.
     *
     * @param frame the encoded frame
     * @param action what to do with the decoded flyweight
     */
    protected void withFrame(ByteBuffer frame, Consumer<GossipFrame> action) {
        boolean[] called = {false};
        codec.decode(frame, new FrameHandler() {
            @Override
            public void onGossip(GossipFrame f) {
                called[0] = true;
                action.accept(f);
            }

            @Override
            public void onMembership(MembershipMessage message) {
                throw new AssertionError("expected a gossip frame, got " + message);
            }

            @Override
            public void onDrop(DropReason reason) {
                throw new AssertionError("expected a gossip frame, got a drop: " + reason);
            }
        });
        assertThat(called[0]).as("gossip frame decoded").isTrue();
    }

    private void decodeSafely(byte[] input, String description) {
        RecordingFrameHandler handler = new RecordingFrameHandler();
        try {
            codec.decode(ByteBuffer.wrap(input), handler);
        } catch (RuntimeException e) {
            throw new AssertionError(description + ": decode threw on " + Arrays.toString(input), e);
        }
        assertThat(handler.calls())
                .as("%s: handler calls for %s", description, Arrays.toString(input))
                .isEqualTo(1);
    }

    /** @return one valid frame of each shape, freshly encoded */
    protected List<ByteBuffer> validFrames() {
        List<ByteBuffer> frames = new ArrayList<>();
        for (NodeId node : NODES) {
            frames.add(gossipFrame(5, 6, node, 3, new byte[] {1, 2, 3}));
            frames.add(gossipFrame(5, 6, node, 0, new byte[0]));
            frames.add(membershipFrame(new MembershipMessage(4, node, OPAQUE, 9, List.of(IPV4, IPV6))));
            frames.add(membershipFrame(MembershipMessage.of(2, node)));
        }
        frames.add(digestFrame(DigestFrame.DIGEST));
        frames.add(digestFrame(DigestFrame.DIGEST_REPLY, 1, 2, 3, 4));
        frames.add(digestFrame(DigestFrame.REQUEST, 5, 6));
        return frames;
    }

    /**
     * @param buffer a buffer
     * @return the remaining bytes, copied; the buffer is unchanged
     */
    protected static byte[] toArray(ByteBuffer buffer) {
        ByteBuffer d = buffer.duplicate();
        byte[] bytes = new byte[d.remaining()];
        d.get(bytes);
        return bytes;
    }

    private static byte[] randomBytes(SplittableRandom random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }
}
