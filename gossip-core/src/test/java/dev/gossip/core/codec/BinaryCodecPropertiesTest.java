package dev.gossip.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.DropReason;
import dev.gossip.NodeId;
import dev.gossip.OpaqueAddress;
import dev.gossip.spi.DigestFrame;
import dev.gossip.spi.MembershipMessage;
import dev.gossip.testkit.Fuzz;
import dev.gossip.testkit.RecordingFrameHandler;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property-style fuzzing of the binary codec with seeded generators ({@link Fuzz}): random,
 * truncated, mutated, extended and oversized input never throws and always ends in exactly one
 * handler call; valid frames round-trip. Every assertion names the seed and the case number, so a
 * failure reproduces by running the same seed.
 */
class BinaryCodecPropertiesTest {

    private static final int MAX_PAYLOAD = 1024;
    private final BinaryCodec codec = new BinaryCodec(MAX_PAYLOAD);

    private RecordingFrameHandler decode(byte[] bytes, String what) {
        RecordingFrameHandler handler = new RecordingFrameHandler();
        codec.decode(ByteBuffer.wrap(bytes), handler);
        assertThat(handler.calls())
                .as("exactly one handler call for %s: %s", what, Arrays.toString(bytes))
                .isEqualTo(1);
        return handler;
    }

    private byte[] gossipFrame(Fuzz fuzz) {
        byte[] payload = fuzz.bytes(MAX_PAYLOAD);
        ByteBuffer dst = ByteBuffer.allocate(4096);
        codec.encodeGossip(
                fuzz.random().nextLong(),
                fuzz.random().nextLong(),
                fuzz.nodeId(),
                fuzz.random().nextInt(256),
                ByteBuffer.wrap(payload),
                dst);
        return Arrays.copyOf(dst.array(), dst.position());
    }

    private byte[] membershipFrame(Fuzz fuzz) {
        ByteBuffer dst = ByteBuffer.allocate(65536);
        codec.encodeMembership(fuzz.membershipMessage(20), dst);
        return Arrays.copyOf(dst.array(), dst.position());
    }

    private byte[] digestFrame(Fuzz fuzz) {
        int count = fuzz.random().nextInt(DigestFrame.MAX_IDS + 1);
        long[] ids = new long[2 * count];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = fuzz.random().nextLong();
        }
        ByteBuffer dst = ByteBuffer.allocate(8192);
        codec.encodeDigest(fuzz.random().nextInt(DigestFrame.DIGEST, DigestFrame.REQUEST + 1), ids, count, dst);
        return Arrays.copyOf(dst.array(), dst.position());
    }

    private byte[] validFrame(Fuzz fuzz) {
        return switch (fuzz.random().nextInt(3)) {
            case 0 -> gossipFrame(fuzz);
            case 1 -> membershipFrame(fuzz);
            default -> digestFrame(fuzz);
        };
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void randomBytesNeverThrow(long seed) {
        Fuzz fuzz = new Fuzz(seed);
        for (int i = 0; i < 2000; i++) {
            decode(fuzz.bytes(2048), "seed " + seed + " case " + i);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void membershipMessagesRoundTrip(long seed) {
        Fuzz fuzz = new Fuzz(seed);
        for (int i = 0; i < 300; i++) {
            MembershipMessage message = fuzz.membershipMessage(i % 50 == 0 ? MembershipMessage.MAX_NODES : 20);
            ByteBuffer dst = ByteBuffer.allocate(65536);
            codec.encodeMembership(message, dst);
            RecordingFrameHandler handler =
                    decode(Arrays.copyOf(dst.array(), dst.position()), "seed " + seed + " case " + i);
            assertThat(handler.membership()).as("seed %d case %d", seed, i).containsExactly(message);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22})
    void everyTruncationIsADrop(long seed) {
        Fuzz fuzz = new Fuzz(seed);
        for (int i = 0; i < 150; i++) {
            byte[] frame = validFrame(fuzz);
            for (int length = 0; length < frame.length; length++) {
                String what = "seed " + seed + " case " + i + " prefix " + length + "/" + frame.length;
                assertThat(decode(Arrays.copyOf(frame, length), what).drops())
                        .as(what)
                        .hasSize(1);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32, 33})
    void mutationsNeverThrow(long seed) {
        Fuzz fuzz = new Fuzz(seed);
        for (int i = 0; i < 2000; i++) {
            decode(fuzz.mutate(validFrame(fuzz), 8), "seed " + seed + " case " + i);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {41, 42})
    void appendedBytesAreTrailing(long seed) {
        Fuzz fuzz = new Fuzz(seed);
        for (int i = 0; i < 300; i++) {
            byte[] frame = validFrame(fuzz);
            byte[] extra = fuzz.bytes(63);
            byte[] longer = Arrays.copyOf(frame, frame.length + extra.length + 1);
            System.arraycopy(extra, 0, longer, frame.length, extra.length);
            String what = "seed " + seed + " case " + i;
            assertThat(decode(longer, what).drops()).as(what).containsExactly(DropReason.TRAILING_BYTES);
        }
    }

    @ParameterizedTest(name = "payload of {0} bytes")
    @ValueSource(ints = {MAX_PAYLOAD + 1, MAX_PAYLOAD + 2, 2048, 8192})
    void oversizedPayloadsAreDropped(int size) {
        BinaryCodec generous = new BinaryCodec(8192);
        ByteBuffer dst = ByteBuffer.allocate(16384);
        generous.encodeGossip(1, 2, new NodeId(OpaqueAddress.of("mem", "o")), 0, ByteBuffer.allocate(size), dst);
        assertThat(decode(Arrays.copyOf(dst.array(), dst.position()), "size " + size)
                        .drops())
                .containsExactly(DropReason.OVERSIZED);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 2L, 3L})
    void digestFramesRoundTrip(long seed) {
        Fuzz fuzz = new Fuzz(seed);
        for (int i = 0; i < 200; i++) {
            byte[] frame = digestFrame(fuzz);
            String what = "seed " + seed + " case " + i;
            RecordingFrameHandler h = decode(frame, what);
            assertThat(h.digests()).as(what).hasSize(1);
            assertThat(h.digests().get(0).ids()).as(what).hasSize((frame.length - 6) / 16);
        }
    }

    @Test
    void nodeCountsAboveTheLimitCannotBeBuilt() {
        NodeId one = new NodeId(OpaqueAddress.of("mem", "n"));
        for (int count = MembershipMessage.MAX_NODES + 1; count <= 300; count++) {
            var nodes = Collections.nCopies(count, one);
            assertThatThrownBy(() -> new MembershipMessage(1, one, null, 0, nodes))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
