package dev.gossip.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.DropReason;
import dev.gossip.GossipConfig;
import dev.gossip.NodeId;
import dev.gossip.spi.Codec;
import dev.gossip.spi.MembershipMessage;
import dev.gossip.testkit.CodecContract;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryCodecTest extends CodecContract {

    @Override
    protected Codec createCodec(GossipConfig config) {
        return new BinaryCodecProvider().create(config);
    }

    private DropReason dropOf(byte[] bytes) {
        RecordingFrameHandlerAssert h = new RecordingFrameHandlerAssert(decode(ByteBuffer.wrap(bytes)));
        return h.singleDrop();
    }

    private byte[] gossipBytes(NodeId origin, int payloadSize) {
        return toArray(gossipFrame(1, 2, origin, 0, new byte[payloadSize]));
    }

    @Test
    void headerIsMagicVersionType() {
        byte[] bytes = gossipBytes(IPV4, 0);
        assertThat(Arrays.copyOf(bytes, 4)).containsExactly(0x67, 0x73, 1, 1);
        byte[] m = toArray(membershipFrame(MembershipMessage.of(1, IPV4)));
        assertThat(m[3]).isEqualTo((byte) BinaryCodec.MEMBERSHIP_FRAME);
    }

    @Test
    void overheadIsTwentyThreeBytesPlusTheAddress() {
        assertThat(codec.gossipOverhead(IPV4)).isEqualTo(21 + 7 + 2);
        assertThat(codec.gossipOverhead(IPV6)).isEqualTo(21 + 19 + 2);
        assertThat(codec.gossipOverhead(OPAQUE)).isEqualTo(21 + 3 + 3 + 6 + 2);
    }

    @Test
    void badMagic() {
        byte[] bytes = gossipBytes(IPV4, 3);
        bytes[1] ^= 0x01;
        assertThat(dropOf(bytes)).isEqualTo(DropReason.BAD_MAGIC);
    }

    @Test
    void unsupportedVersion() {
        byte[] bytes = gossipBytes(IPV4, 3);
        bytes[2] = 2;
        assertThat(dropOf(bytes)).isEqualTo(DropReason.UNSUPPORTED_VERSION);
    }

    @Test
    void unknownFrameType() {
        for (int type : new int[] {0, 5, 255}) {
            byte[] bytes = gossipBytes(IPV4, 3);
            bytes[3] = (byte) type;
            assertThat(dropOf(bytes)).as("type %d", type).isEqualTo(DropReason.UNKNOWN_TYPE);
        }
    }

    @Test
    void trailingBytes() {
        byte[] gossip = gossipBytes(IPV6, 3);
        assertThat(dropOf(Arrays.copyOf(gossip, gossip.length + 1))).isEqualTo(DropReason.TRAILING_BYTES);
        byte[] membership = toArray(membershipFrame(MembershipMessage.of(1, IPV4, OPAQUE, 2)));
        assertThat(dropOf(Arrays.copyOf(membership, membership.length + 5))).isEqualTo(DropReason.TRAILING_BYTES);
    }

    @Test
    void shortInputIsTruncated() {
        assertThat(dropOf(new byte[0])).isEqualTo(DropReason.TRUNCATED);
        assertThat(dropOf(new byte[] {0x67, 0x73, 1})).isEqualTo(DropReason.TRUNCATED);
        byte[] gossip = gossipBytes(IPV4, 10);
        assertThat(dropOf(Arrays.copyOf(gossip, gossip.length - 1))).isEqualTo(DropReason.TRUNCATED);
    }

    @Test
    void payloadOverTheConfiguredLimitIsOversized() {
        Codec big = new BinaryCodec(2000);
        ByteBuffer frame = ByteBuffer.allocate(4096);
        big.encodeGossip(1, 2, IPV4, 0, ByteBuffer.allocate(config().maxPayloadBytes() + 1), frame);
        assertThat(dropOf(toArray(frame.flip()))).isEqualTo(DropReason.OVERSIZED);
        assertThat(decode(gossipFrame(1, 2, IPV4, 0, new byte[config().maxPayloadBytes()]))
                        .gossip())
                .hasSize(1);
    }

    @Test
    void encodingRefusesAnOversizedPayloadOrBadHops() {
        ByteBuffer dst = ByteBuffer.allocate(4096);
        ByteBuffer tooBig = ByteBuffer.allocate(config().maxPayloadBytes() + 1);
        assertThatThrownBy(() -> codec.encodeGossip(1, 2, IPV4, 0, tooBig, dst))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPayloadBytes");
        assertThatThrownBy(() -> codec.encodeGossip(1, 2, IPV4, 256, ByteBuffer.allocate(1), dst))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hops");
        assertThat(dst.position()).isZero();
    }

    @Test
    void unknownAddressKindIsMalformed() {
        byte[] bytes = gossipBytes(IPV4, 1);
        bytes[BinaryCodec.ORIGIN_OFFSET] = 5;
        assertThat(dropOf(bytes)).isEqualTo(DropReason.MALFORMED);
    }

    @Test
    void invalidOpaqueSchemesAreMalformed() {
        byte[] bytes = gossipBytes(OPAQUE, 1);
        int schemeLength = BinaryCodec.ORIGIN_OFFSET + 1;
        byte[] zero = bytes.clone();
        zero[schemeLength] = 0;
        assertThat(dropOf(zero)).isEqualTo(DropReason.MALFORMED);
        byte[] long33 = bytes.clone();
        long33[schemeLength] = 33;
        assertThat(dropOf(long33)).isEqualTo(DropReason.MALFORMED);
        byte[] colon = bytes.clone();
        colon[schemeLength + 1] = ':';
        assertThat(dropOf(colon)).isEqualTo(DropReason.MALFORMED);
        byte[] notUtf8 = bytes.clone();
        notUtf8[schemeLength + 1] = (byte) 0xC0;
        assertThat(dropOf(notUtf8)).isEqualTo(DropReason.MALFORMED);
    }

    @Test
    void badSubjectFlagIsMalformed() {
        byte[] bytes = toArray(membershipFrame(MembershipMessage.of(1, IPV4)));
        bytes[MembershipFrames.SENDER_OFFSET + 7] = 2;
        assertThat(dropOf(bytes)).isEqualTo(DropReason.MALFORMED);
    }

    /**
     * Every cut of a valid frame is TRUNCATED, found by a check: never MALFORMED from the
     * decoder's safety net (a missing node-count or address-length check used to hide there),
     * never TRAILING_BYTES.
     */
    @Test
    void everyPrefixOfAValidFrameIsTruncatedByAnExplicitCheck() {
        BinaryCodec binary = new BinaryCodec(1024);
        List<ByteBuffer> frames = new java.util.ArrayList<>();
        for (MembershipMessage m : List.of(
                new MembershipMessage(1, IPV4, null, 0, List.of()),
                new MembershipMessage(2, IPV6, IPV4, 3, List.of(IPV4)),
                new MembershipMessage(3, OPAQUE, OPAQUE, 7, List.of(IPV6, OPAQUE, IPV4)),
                new MembershipMessage(4, IPV4, IPV6, 1, List.of(OPAQUE)))) {
            ByteBuffer dst = ByteBuffer.allocate(1400);
            binary.encodeMembership(m, dst);
            frames.add(dst.flip());
        }
        for (NodeId origin : List.of(IPV4, IPV6, OPAQUE)) {
            ByteBuffer dst = ByteBuffer.allocate(1400);
            binary.encodeGossip(1, 2, origin, 0, ByteBuffer.wrap(new byte[] {1, 2, 3}), dst);
            frames.add(dst.flip());
        }
        for (ByteBuffer frame : frames) {
            byte[] whole = toArray(frame);
            for (int cut = 0; cut < whole.length; cut++) {
                dev.gossip.testkit.RecordingFrameHandler h = new dev.gossip.testkit.RecordingFrameHandler();
                binary.decode(ByteBuffer.wrap(Arrays.copyOf(whole, cut)), h);
                assertThat(h.drops())
                        .as("frame of %d bytes cut to %d", whole.length, cut)
                        .containsExactly(DropReason.TRUNCATED);
            }
        }
        assertThat(binary.uncheckedFailures())
                .as("drops decided by the safety net")
                .isZero();
    }

    @Test
    void nodeCountBeyondTheDataIsTruncated() {
        byte[] bytes = toArray(membershipFrame(new MembershipMessage(1, IPV4, null, 0, List.of(IPV4))));
        bytes[bytes.length - 8] = 2;
        assertThat(dropOf(bytes)).isEqualTo(DropReason.TRUNCATED);
    }

    @Test
    void originIsDecodedOnceForRepeatedFrames() {
        ByteBuffer frame = gossipFrame(1, 2, IPV6, 0, new byte[] {1});
        NodeId[] seen = new NodeId[2];
        withFrame(frame.duplicate(), f -> seen[0] = f.origin());
        withFrame(frame.duplicate(), f -> seen[1] = f.origin());
        assertThat(seen[1]).isSameAs(seen[0]).isEqualTo(IPV6);
        withFrame(
                gossipFrame(1, 2, IPV4, 0, new byte[] {1}),
                f -> assertThat(f.origin()).isEqualTo(IPV4));
    }

    /** The cached origin is compared a word at a time: a change in any one byte must still show. */
    @Test
    void anOriginDifferingInAnyOneByteIsDecodedAfresh() {
        List<NodeId> origins = List.of(
                NodeId.parse("127.0.0.1:7001"),
                NodeId.parse("128.0.0.1:7001"),
                NodeId.parse("128.0.5.1:7001"),
                NodeId.parse("128.0.5.2:7001"),
                NodeId.parse("128.0.5.2:7257"),
                NodeId.parse("128.0.5.2:7258"),
                NodeId.parse("[2001:db8::1]:7001"),
                NodeId.parse("[2001:db8:0:0:7::1]:7001"),
                NodeId.parse("[2001:db8:0:0:7::2]:7001"),
                NodeId.parse("[2001:db8:0:0:7::2]:7002"),
                NodeId.parse("[2101:db8:0:0:7::2]:7002"),
                OPAQUE,
                IPV4);
        for (java.nio.ByteOrder order : List.of(java.nio.ByteOrder.BIG_ENDIAN, java.nio.ByteOrder.LITTLE_ENDIAN)) {
            for (NodeId origin : origins) {
                ByteBuffer frame = gossipFrame(1, 2, origin, 0, new byte[] {1}).order(order);
                withFrame(
                        frame,
                        f -> assertThat(f.origin()).as("%s, %s", origin, order).isEqualTo(origin));
            }
        }
    }

    @Test
    void providerIsNamedBinary() {
        assertThat(new BinaryCodecProvider().name()).isEqualTo("binary");
        assertThatThrownBy(() -> new BinaryCodec(65_536)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Small helper so each test reads as "the one drop reason". */
    private record RecordingFrameHandlerAssert(dev.gossip.testkit.RecordingFrameHandler handler) {
        DropReason singleDrop() {
            assertThat(handler.drops()).hasSize(1);
            return handler.drops().get(0);
        }
    }
}
