package dev.gossip.core.codec;

import dev.gossip.DropReason;
import dev.gossip.GossipConfig;
import dev.gossip.NodeId;
import dev.gossip.spi.Codec;
import dev.gossip.spi.FrameHandler;
import dev.gossip.spi.GossipFrame;
import dev.gossip.spi.MembershipMessage;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The default wire format, {@code binary}: compact big-endian frames read and written with absolute
 * gets and puts, every length checked before the field it covers is read.
 *
 * <pre>
 * Header (every frame)
 *   0        2         3            4
 *   +--------+---------+------------+
 *   | magic  | version | frame type |   magic 0x6773 ("gs"), version 1, frame type: 1 = gossip,
 *   | u16    | u8      | u8         |   2 = membership, 3 = anti-entropy/tree, 4 = bundle (append-only)
 *   +--------+---------+------------+
 *
 * Gossip frame (type 1)
 *   4      5              13             21
 *   +------+--------------+--------------+----------------+----------------+-----------+
 *   | hops | id high  i64 | id low   i64 | origin address | payload length | payload   |
 *   | u8   |              |              | (variable)     | u16            | (length)  |
 *   +------+--------------+--------------+----------------+----------------+-----------+
 *
 * Membership frame (type 2)
 *   4      5         7
 *   +------+---------+---------+--------------+-----------+------------+----------------+
 *   | type | counter | sender  | subject flag | [subject] | node count | node addresses |
 *   | u8   | u16     | address | u8: 0 or 1   | address   | u8         | (count)        |
 *   +------+---------+---------+--------------+-----------+------------+----------------+
 *
 * Anti-entropy and tree frame (type 3): kind u8 + count u8 + count × 16-byte ids; see DigestFrames
 *
 * Bundle (type 4): several frames of the types above in one datagram
 *   4
 *   +----------------+---------------------+----------------+---------------------+----
 *   | length u16 (n) | frame (n bytes)     | length u16 (m) | frame (m bytes)     | ...
 *   +----------------+---------------------+----------------+---------------------+----
 *   each frame complete with its own header; at least one; no bundle inside a bundle
 *
 * Address: kind u8 (0x04 IPv4, 0x06 IPv6, 0x0F opaque) + body; see AddressCodec:
 *   IPv4 4 bytes + port u16; IPv6 16 bytes + port u16;
 *   opaque: scheme length u8 (1..32) + UTF-8 scheme without ':' + value length u8 + value
 * </pre>
 *
 * <p>A frame must fill the datagram exactly ({@link DropReason#TRAILING_BYTES} otherwise); a gossip
 * payload longer than {@link GossipConfig#maxPayloadBytes()} is {@link DropReason#OVERSIZED}.
 *
 * <p>Allocation: decoding a gossip frame and {@link #encodeForward} allocate nothing; encoding
 * caches the encoded addresses of recently used node ids. Decoding a membership message allocates
 * the message. Not thread-safe: one instance per node.
 */
public final class BinaryCodec implements Codec {

    /** The first two bytes of every frame. */
    public static final int MAGIC = 0x6773;
    /** The format version this codec writes and reads. */
    public static final int VERSION = 1;
    /** Frame type of a gossip (broadcast) frame. */
    public static final int GOSSIP_FRAME = 1;
    /** Frame type of a membership frame. */
    public static final int MEMBERSHIP_FRAME = 2;
    /** Frame type of an anti-entropy frame (digest, digest reply or request). */
    public static final int DIGEST_FRAME = 3;
    /** Frame type of a bundle: several frames in one datagram. */
    public static final int BUNDLE_FRAME = 4;

    static final int BUNDLE_ENTRY_BYTES = 2;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 2;
    static final int TYPE_OFFSET = 3;
    static final int HEADER_LENGTH = 4;
    static final int HOPS_OFFSET = 4;
    static final int ID_HIGH_OFFSET = 5;
    static final int ID_LOW_OFFSET = 13;
    static final int ORIGIN_OFFSET = 21;
    static final int PAYLOAD_LENGTH_BYTES = 2;
    static final int MAX_HOPS = 255;

    private final int maxPayloadBytes;
    private final AddressCodec addresses = new AddressCodec();
    private final GossipFrameFlyweight frame = new GossipFrameFlyweight();
    private final DigestFrames digest = new DigestFrames();
    private @Nullable MembershipMessage decodedMessage;

    /**
     * Frames whose decoding threw although the checks passed them: always 0 unless a check is
     * missing (they are dropped as MALFORMED). Read by tests; written on the decoding thread.
     */
    private long uncheckedFailures;

    /** @return frames whose decoding threw past the checks (see the field); for tests */
    long uncheckedFailures() {
        return uncheckedFailures;
    }

    /**
     * @param config the node's config; {@link GossipConfig#maxPayloadBytes()} bounds payloads
     */
    public BinaryCodec(GossipConfig config) {
        this(config.maxPayloadBytes());
    }

    /**
     * @param maxPayloadBytes the largest payload encoded or accepted, 0 to 65,535
     */
    public BinaryCodec(int maxPayloadBytes) {
        if (maxPayloadBytes < 0 || maxPayloadBytes > 0xFFFF) {
            throw new IllegalArgumentException("maxPayloadBytes must be in 0..65535, was " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public int gossipOverhead(NodeId origin) {
        return ORIGIN_OFFSET + addresses.encoded(origin).length + PAYLOAD_LENGTH_BYTES;
    }

    @Override
    public void encodeGossip(long idHigh, long idLow, NodeId origin, int hops, ByteBuffer payload, ByteBuffer dst) {
        if (hops < 0 || hops > MAX_HOPS) {
            throw new IllegalArgumentException("hops must be in 0.." + MAX_HOPS + ", was " + hops);
        }
        int payloadLength = payload.remaining();
        if (payloadLength > maxPayloadBytes) {
            throw new IllegalArgumentException(
                    "payload of " + payloadLength + " bytes exceeds maxPayloadBytes " + maxPayloadBytes);
        }
        byte[] originBytes = addresses.encoded(origin);
        int lengthIndex = ORIGIN_OFFSET + originBytes.length;
        int total = lengthIndex + PAYLOAD_LENGTH_BYTES + payloadLength;
        if (dst.remaining() < total) {
            throw new BufferOverflowException();
        }
        int p = dst.position();
        putHeader(dst, p, GOSSIP_FRAME);
        Bytes.putU8(dst, p + HOPS_OFFSET, hops);
        Bytes.putI64(dst, p + ID_HIGH_OFFSET, idHigh);
        Bytes.putI64(dst, p + ID_LOW_OFFSET, idLow);
        dst.put(p + ORIGIN_OFFSET, originBytes);
        Bytes.putU16(dst, p + lengthIndex, payloadLength);
        dst.put(p + lengthIndex + PAYLOAD_LENGTH_BYTES, payload, payload.position(), payloadLength);
        dst.position(p + total);
    }

    @Override
    public void encodeForward(GossipFrame received, ByteBuffer dst) {
        int hops = Math.min(MAX_HOPS, received.hops() + 1);
        if (!(received instanceof GossipFrameFlyweight f)) {
            encodeGossip(received.idHigh(), received.idLow(), received.origin(), hops, received.payload(), dst);
            return;
        }
        if (dst.remaining() < f.length()) {
            throw new BufferOverflowException();
        }
        int p = dst.position();
        dst.put(p, f.buffer(), f.offset(), f.length());
        Bytes.putU8(dst, p + HOPS_OFFSET, hops);
        dst.position(p + f.length());
    }

    @Override
    public void encodeMembership(MembershipMessage message, ByteBuffer dst) {
        MembershipFrames.encode(message, addresses, dst);
    }

    @Override
    public void encodeDigest(int kind, long[] ids, int count, ByteBuffer dst) {
        DigestFrames.encode(kind, ids, count, dst);
    }

    @Override
    public int bundleHeaderBytes() {
        return HEADER_LENGTH;
    }

    @Override
    public int bundleEntryBytes() {
        return BUNDLE_ENTRY_BYTES;
    }

    @Override
    public void encodeBundleHeader(ByteBuffer dst) {
        if (dst.remaining() < HEADER_LENGTH) {
            throw new BufferOverflowException();
        }
        int p = dst.position();
        putHeader(dst, p, BUNDLE_FRAME);
        dst.position(p + HEADER_LENGTH);
    }

    @Override
    public void encodeBundleEntry(int frameLength, ByteBuffer dst) {
        if (frameLength < HEADER_LENGTH || frameLength > 0xFFFF) {
            throw new IllegalArgumentException(
                    "bundled frame length must be in " + HEADER_LENGTH + "..65535, was " + frameLength);
        }
        if (dst.remaining() < BUNDLE_ENTRY_BYTES) {
            throw new BufferOverflowException();
        }
        int p = dst.position();
        Bytes.putU16(dst, p, frameLength);
        dst.position(p + BUNDLE_ENTRY_BYTES);
    }

    static void putHeader(ByteBuffer dst, int p, int frameType) {
        Bytes.putU16(dst, p + MAGIC_OFFSET, MAGIC);
        Bytes.putU8(dst, p + VERSION_OFFSET, VERSION);
        Bytes.putU8(dst, p + TYPE_OFFSET, frameType);
    }

    @Override
    public void decode(ByteBuffer src, FrameHandler handler) {
        int start = src.position();
        int end = src.limit();
        if (end - start >= HEADER_LENGTH
                && checkHeader(src, start, end) == null
                && Bytes.u8(src, start + TYPE_OFFSET) == BUNDLE_FRAME) {
            decodeBundle(src, start, end, handler);
            return;
        }
        decodeOne(src, start, end, handler);
    }

    /** Checks every entry's length first, so a malformed bundle hands over none of its frames. */
    private void decodeBundle(ByteBuffer src, int start, int end, FrameHandler handler) {
        int p = start + HEADER_LENGTH;
        if (p == end) {
            handler.onDrop(DropReason.TRUNCATED);
            return;
        }
        while (p < end) {
            if (p + BUNDLE_ENTRY_BYTES > end) {
                handler.onDrop(DropReason.TRUNCATED);
                return;
            }
            int length = Bytes.u16(src, p);
            p += BUNDLE_ENTRY_BYTES;
            if (length < HEADER_LENGTH) {
                handler.onDrop(DropReason.MALFORMED);
                return;
            }
            if (p + length > end) {
                handler.onDrop(DropReason.TRUNCATED);
                return;
            }
            if (Bytes.u8(src, p + TYPE_OFFSET) == BUNDLE_FRAME) {
                handler.onDrop(DropReason.MALFORMED);
                return;
            }
            p += length;
        }
        p = start + HEADER_LENGTH;
        while (p < end) {
            int length = Bytes.u16(src, p);
            p += BUNDLE_ENTRY_BYTES;
            src.limit(p + length).position(p);
            decodeOne(src, p, p + length, handler);
            src.limit(end);
            p += length;
        }
    }

    private void decodeOne(ByteBuffer src, int start, int end, FrameHandler handler) {
        DropReason drop;
        int frameType = 0;
        try {
            drop = checkHeader(src, start, end);
            if (drop == null) {
                frameType = Bytes.u8(src, start + TYPE_OFFSET);
                drop = switch (frameType) {
                    case GOSSIP_FRAME -> decodeGossip(src, start, end);
                    case DIGEST_FRAME -> digest.wrap(src, start, end);
                    case BUNDLE_FRAME -> DropReason.MALFORMED; // unreachable: bundles are unpacked first
                    default -> decodeMembership(src, start, end);
                };
            }
        } catch (RuntimeException e) {
            // Unreachable if the checks above are right; a safety net so decode never throws.
            // Counted apart, so that a test sees a missing check instead of a plausible MALFORMED.
            drop = DropReason.MALFORMED;
            uncheckedFailures++;
        }
        if (drop != null) {
            handler.onDrop(drop);
        } else if (frameType == GOSSIP_FRAME) {
            handler.onGossip(frame);
        } else if (frameType == DIGEST_FRAME) {
            handler.onDigest(digest);
        } else {
            MembershipMessage message = decodedMessage;
            decodedMessage = null;
            if (message != null) { // set by decodeMembership whenever it returns no drop
                handler.onMembership(message);
            } else {
                handler.onDrop(DropReason.MALFORMED);
            }
        }
    }

    private static @Nullable DropReason checkHeader(ByteBuffer src, int start, int end) {
        if (end - start < HEADER_LENGTH) {
            return DropReason.TRUNCATED;
        }
        if (Bytes.u16(src, start + MAGIC_OFFSET) != MAGIC) {
            return DropReason.BAD_MAGIC;
        }
        if (Bytes.u8(src, start + VERSION_OFFSET) != VERSION) {
            return DropReason.UNSUPPORTED_VERSION;
        }
        int type = Bytes.u8(src, start + TYPE_OFFSET);
        return type == GOSSIP_FRAME || type == MEMBERSHIP_FRAME || type == DIGEST_FRAME || type == BUNDLE_FRAME
                ? null
                : DropReason.UNKNOWN_TYPE;
    }

    private @Nullable DropReason decodeGossip(ByteBuffer src, int start, int end) {
        int originLength = AddressCodec.measure(src, start + ORIGIN_OFFSET, end);
        if (originLength < 0) {
            return originLength == AddressCodec.TRUNCATED ? DropReason.TRUNCATED : DropReason.MALFORMED;
        }
        int lengthIndex = start + ORIGIN_OFFSET + originLength;
        if (lengthIndex + PAYLOAD_LENGTH_BYTES > end) {
            return DropReason.TRUNCATED;
        }
        int payloadLength = Bytes.u16(src, lengthIndex);
        if (payloadLength > maxPayloadBytes) {
            return DropReason.OVERSIZED;
        }
        int frameEnd = lengthIndex + PAYLOAD_LENGTH_BYTES + payloadLength;
        if (frameEnd != end) {
            return frameEnd > end ? DropReason.TRUNCATED : DropReason.TRAILING_BYTES;
        }
        frame.wrap(src, start, originLength, payloadLength);
        return null;
    }

    private @Nullable DropReason decodeMembership(ByteBuffer src, int start, int end) {
        DropReason drop = MembershipFrames.check(src, start, end);
        if (drop == null) {
            decodedMessage = MembershipFrames.read(src, start);
        }
        return drop;
    }
}
