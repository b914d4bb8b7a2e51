package dev.gossip.core.codec;

import dev.gossip.MessageId;
import dev.gossip.NodeId;
import dev.gossip.spi.GossipFrame;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * A view over one gossip frame in a received buffer, re-pointed by {@link #wrap} for every decode;
 * see {@link BinaryCodec} for the layout. The decoder has validated every length before wrapping,
 * so no accessor can fail.
 *
 * <p>Allocation: none per frame. The origin is decoded only when {@link #origin()} is called, and
 * the last decoded origin is reused while the next frames carry the same bytes. {@link #payload()}
 * re-points one cached read-only duplicate of the source buffer, made again only when the source
 * buffer changes.
 */
final class GossipFrameFlyweight implements GossipFrame {

    @SuppressWarnings("NullAway.Init") // a flyweight: wrap() sets it before any read
    private ByteBuffer buffer;

    private int offset;
    private int length;
    private int hops;
    private long idHigh;
    private long idLow;
    private int originOffset;
    private int originLength;
    private int payloadOffset;
    private int payloadLength;

    private @Nullable ByteBuffer viewSource;

    @SuppressWarnings("NullAway.Init") // payload() sets it on first use: viewSource starts null
    private ByteBuffer view;

    private @Nullable NodeId cachedOrigin;
    private final byte[] cachedOriginBytes = new byte[AddressCodec.MAX_LENGTH];
    /** {@link #cachedOriginBytes}, read a word at a time (big-endian, like {@link Bytes}). */
    private final ByteBuffer cachedOriginWords = ByteBuffer.wrap(cachedOriginBytes);

    private int cachedOriginLength;

    void wrap(ByteBuffer buffer, int offset, int originLength, int payloadLength) {
        this.buffer = buffer;
        this.offset = offset;
        this.hops = Bytes.u8(buffer, offset + BinaryCodec.HOPS_OFFSET);
        this.idHigh = Bytes.i64(buffer, offset + BinaryCodec.ID_HIGH_OFFSET);
        this.idLow = Bytes.i64(buffer, offset + BinaryCodec.ID_LOW_OFFSET);
        this.originOffset = offset + BinaryCodec.ORIGIN_OFFSET;
        this.originLength = originLength;
        this.payloadOffset = originOffset + originLength + BinaryCodec.PAYLOAD_LENGTH_BYTES;
        this.payloadLength = payloadLength;
        this.length = payloadOffset + payloadLength - offset;
    }

    /** @return the buffer holding the frame */
    ByteBuffer buffer() {
        return buffer;
    }

    /** @return the index of the frame's first byte in {@link #buffer()} */
    int offset() {
        return offset;
    }

    /** @return the whole frame's length in bytes */
    int length() {
        return length;
    }

    @Override
    public MessageId id() {
        return new MessageId(idHigh, idLow);
    }

    @Override
    public long idHigh() {
        return idHigh;
    }

    @Override
    public long idLow() {
        return idLow;
    }

    @Override
    public int hops() {
        return hops;
    }

    @Override
    public NodeId origin() {
        if (cachedOrigin != null && cachedOriginLength == originLength && originMatchesCache()) {
            return cachedOrigin;
        }
        NodeId origin = new NodeId(AddressCodec.read(buffer, originOffset));
        buffer.get(originOffset, cachedOriginBytes, 0, originLength);
        cachedOriginLength = originLength;
        cachedOrigin = origin;
        return origin;
    }

    /** Compares a word at a time (the last word overlapping the one before): 2 reads for IPv4, 3 for IPv6. */
    private boolean originMatchesCache() {
        int n = originLength;
        if (n >= Long.BYTES) {
            for (int i = 0; i < n - Long.BYTES; i += Long.BYTES) {
                if (Bytes.i64(buffer, originOffset + i) != cachedOriginWords.getLong(i)) {
                    return false;
                }
            }
            return Bytes.i64(buffer, originOffset + n - Long.BYTES) == cachedOriginWords.getLong(n - Long.BYTES);
        }
        if (n >= Integer.BYTES) {
            return Bytes.i32(buffer, originOffset) == cachedOriginWords.getInt(0)
                    && Bytes.i32(buffer, originOffset + n - Integer.BYTES)
                            == cachedOriginWords.getInt(n - Integer.BYTES);
        }
        for (int i = 0; i < n; i++) {
            if (buffer.get(originOffset + i) != cachedOriginBytes[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public ByteBuffer payload() {
        if (buffer != viewSource) {
            viewSource = buffer;
            view = buffer.asReadOnlyBuffer();
        }
        view.clear();
        view.limit(payloadOffset + payloadLength);
        view.position(payloadOffset);
        return view;
    }

    @Override
    public String toString() {
        return "GossipFrame[id=" + id() + ", hops=" + hops + ", payload=" + payloadLength + " bytes]";
    }
}
