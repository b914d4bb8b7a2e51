package dev.gossip.core.codec;

import dev.gossip.DropReason;
import dev.gossip.spi.DigestFrame;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Anti-entropy and tree-control frames (frame type 3) of the {@code binary} format, and the flyweight the decoder
 * presents them through:
 *
 * <pre>
 *   4      5       6
 *   +------+-------+---------------------------------------+
 *   | kind | count | count × (id high i64, id low i64)      |
 *   | u8   | u8    |                                       |
 *   +------+-------+---------------------------------------+
 *   kind: 1 digest, 2 digest reply, 3 request, 4 ihave, 5 graft, 6 prune (append-only);
 *   any other kind is MALFORMED
 * </pre>
 *
 * The frame must fill the datagram exactly. Decoding allocates nothing.
 */
final class DigestFrames implements DigestFrame {

    static final int KIND_OFFSET = 4;
    static final int COUNT_OFFSET = 5;
    static final int IDS_OFFSET = 6;
    static final int ID_BYTES = 16;

    @SuppressWarnings("NullAway.Init") // a flyweight: wrap() sets it before any read
    private ByteBuffer buffer;

    private int offset;
    private int kind;
    private int count;

    static void encode(int kind, long[] ids, int count, ByteBuffer dst) {
        if (kind < DIGEST || kind > MAX_KIND) {
            throw new IllegalArgumentException("unknown digest kind " + kind);
        }
        if (count < 0 || count > MAX_IDS || 2 * count > ids.length) {
            throw new IllegalArgumentException("count must be in 0.." + MAX_IDS + " and within ids, was " + count);
        }
        int total = IDS_OFFSET + count * ID_BYTES;
        if (dst.remaining() < total) {
            throw new BufferOverflowException();
        }
        int p = dst.position();
        BinaryCodec.putHeader(dst, p, BinaryCodec.DIGEST_FRAME);
        Bytes.putU8(dst, p + KIND_OFFSET, kind);
        Bytes.putU8(dst, p + COUNT_OFFSET, count);
        for (int i = 0; i < count; i++) {
            Bytes.putI64(dst, p + IDS_OFFSET + i * ID_BYTES, ids[2 * i]);
            Bytes.putI64(dst, p + IDS_OFFSET + i * ID_BYTES + 8, ids[2 * i + 1]);
        }
        dst.position(p + total);
    }

    /** Validates the frame at {@code start}; on success this flyweight points at it. */
    @Nullable
    DropReason wrap(ByteBuffer src, int start, int end) {
        if (end - start < IDS_OFFSET) {
            return DropReason.TRUNCATED;
        }
        int k = Bytes.u8(src, start + KIND_OFFSET);
        if (k < DIGEST || k > MAX_KIND) {
            return DropReason.MALFORMED;
        }
        int n = Bytes.u8(src, start + COUNT_OFFSET);
        int frameEnd = start + IDS_OFFSET + n * ID_BYTES;
        if (frameEnd != end) {
            return frameEnd > end ? DropReason.TRUNCATED : DropReason.TRAILING_BYTES;
        }
        buffer = src;
        offset = start;
        kind = k;
        count = n;
        return null;
    }

    @Override
    public int kind() {
        return kind;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public long idHigh(int index) {
        return Bytes.i64(buffer, offset + IDS_OFFSET + checkIndex(index) * ID_BYTES);
    }

    @Override
    public long idLow(int index) {
        return Bytes.i64(buffer, offset + IDS_OFFSET + checkIndex(index) * ID_BYTES + 8);
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("id index " + index + " of " + count);
        }
        return index;
    }

    @Override
    public String toString() {
        return "DigestFrame[kind=" + kind + ", count=" + count + "]";
    }
}
