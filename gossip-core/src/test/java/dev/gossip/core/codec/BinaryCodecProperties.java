package dev.gossip.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.Address;
import dev.gossip.DropReason;
import dev.gossip.IpAddress;
import dev.gossip.NodeId;
import dev.gossip.OpaqueAddress;
import dev.gossip.spi.MembershipMessage;
import dev.gossip.testkit.RecordingFrameHandler;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property-based fuzzing of the binary codec: random, truncated, mutated and oversized input never
 * throws and always ends in exactly one handler call; valid frames round-trip. jqwik prints the
 * seed of a failing run; rerun it with {@code @Property(seed = "...")}.
 */
class BinaryCodecProperties {

    private static final int MAX_PAYLOAD = 1024;
    private final BinaryCodec codec = new BinaryCodec(MAX_PAYLOAD);

    private RecordingFrameHandler decode(byte[] bytes) {
        RecordingFrameHandler handler = new RecordingFrameHandler();
        codec.decode(ByteBuffer.wrap(bytes), handler);
        assertThat(handler.calls()).as("exactly one handler call for %s", Arrays.toString(bytes)).isEqualTo(1);
        return handler;
    }

    @Provide
    Arbitrary<Address> addresses() {
        Arbitrary<Address> v4 = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(4),
                Arbitraries.integers().between(0, 65535)).as((ip, port) -> IpAddress.of(ip, port));
        Arbitrary<Address> v6 = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(16),
                Arbitraries.integers().between(0, 65535)).as((ip, port) -> IpAddress.of(ip, port));
        Arbitrary<Address> opaque = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().ofMaxLength(40)).as(OpaqueAddress::of);
        return Arbitraries.oneOf(v4, v6, opaque);
    }

    @Provide
    Arbitrary<MembershipMessage> messages() {
        Arbitrary<NodeId> ids = addresses().map(NodeId::new);
        return Combinators.combine(Arbitraries.integers().between(0, 255), ids, ids.injectNull(0.3),
                Arbitraries.integers().between(0, 65535), ids.list().ofMaxSize(20))
                .as(MembershipMessage::new);
    }

    @Provide
    Arbitrary<byte[]> gossipFrames() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), addresses(),
                Arbitraries.integers().between(0, 255),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(MAX_PAYLOAD))
                .as((high, low, origin, hops, payload) -> {
                    ByteBuffer dst = ByteBuffer.allocate(4096);
                    codec.encodeGossip(high, low, new NodeId(origin), hops, ByteBuffer.wrap(payload), dst);
                    return Arrays.copyOf(dst.array(), dst.position());
                });
    }

    @Provide
    Arbitrary<byte[]> validFrames() {
        Arbitrary<byte[]> membership = messages().map(m -> {
            ByteBuffer dst = ByteBuffer.allocate(65536);
            codec.encodeMembership(m, dst);
            return Arrays.copyOf(dst.array(), dst.position());
        });
        return Arbitraries.oneOf(gossipFrames(), membership);
    }

    @Property(tries = 2000)
    void randomBytesNeverThrow(@ForAll @Size(max = 2048) byte[] bytes) {
        decode(bytes);
    }

    @Property(tries = 500)
    void membershipMessagesRoundTrip(@ForAll("messages") MembershipMessage message) {
        ByteBuffer dst = ByteBuffer.allocate(65536);
        codec.encodeMembership(message, dst);
        RecordingFrameHandler handler = decode(Arrays.copyOf(dst.array(), dst.position()));
        assertThat(handler.membership()).containsExactly(message);
    }

    @Property(tries = 300)
    void everyTruncationIsADrop(@ForAll("validFrames") byte[] frame) {
        for (int length = 0; length < frame.length; length++) {
            RecordingFrameHandler handler = decode(Arrays.copyOf(frame, length));
            assertThat(handler.drops()).as("prefix of %d of %d bytes", length, frame.length).hasSize(1);
        }
    }

    @Property(tries = 2000)
    void mutationsNeverThrow(@ForAll("validFrames") byte[] frame, @ForAll @IntRange(min = 1, max = 8) int flips,
            @ForAll long seed) {
        byte[] mutated = frame.clone();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < flips; i++) {
            mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
        }
        decode(mutated);
    }

    @Property(tries = 500)
    void appendedBytesAreTrailing(@ForAll("validFrames") byte[] frame, @ForAll @Size(min = 1, max = 64) byte[] extra) {
        byte[] longer = Arrays.copyOf(frame, frame.length + extra.length);
        System.arraycopy(extra, 0, longer, frame.length, extra.length);
        assertThat(decode(longer).drops()).containsExactly(DropReason.TRAILING_BYTES);
    }

    @Property(tries = 100)
    void oversizedPayloadsAreDropped(@ForAll @IntRange(min = MAX_PAYLOAD + 1, max = 8192) int size) {
        BinaryCodec generous = new BinaryCodec(8192);
        ByteBuffer dst = ByteBuffer.allocate(16384);
        generous.encodeGossip(1, 2, new NodeId(OpaqueAddress.of("mem", "o")), 0, ByteBuffer.allocate(size), dst);
        assertThat(decode(Arrays.copyOf(dst.array(), dst.position())).drops()).containsExactly(DropReason.OVERSIZED);
    }

    @Property(tries = 200)
    void nodeCountsAboveTheLimitCannotBeBuilt(@ForAll @IntRange(min = 256, max = 300) int count) {
        NodeId one = new NodeId(OpaqueAddress.of("mem", "n"));
        List<NodeId> nodes = java.util.Collections.nCopies(count, one);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MembershipMessage(1, one, null, 0, nodes))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
