package dev.gossip.bench;

import dev.gossip.NodeId;
import dev.gossip.spi.Codec;
import java.nio.ByteBuffer;

/**
 * Where a codec puts the low half of the message id and the hop count in a gossip frame, found by
 * encoding the same frame with one field changed and comparing the bytes, so that the benchmark
 * depends on no codec's layout constants.
 *
 * @param frame a frame encoded with id (1, 0) and 0 hops, position 0, limit its length
 * @param idHighOffset index of the first of the 8 bytes holding the id's high half
 * @param idLowOffset index of the first of the 8 bytes holding the id's low half
 * @param hopsOffset index of the byte holding the hop count
 */
record FrameLayout(ByteBuffer frame, int idHighOffset, int idLowOffset, int hopsOffset) {

    static FrameLayout of(Codec codec, NodeId origin, ByteBuffer payload, int capacity) {
        ByteBuffer base = encode(codec, 1L, 0L, origin, 0, payload, capacity);
        int idHigh = locateLong(base, encode(codec, -2L, 0L, origin, 0, payload, capacity));
        int idLow = locateLong(base, encode(codec, 1L, -1L, origin, 0, payload, capacity));
        ByteBuffer otherHops = encode(codec, 1L, 0L, origin, 1, payload, capacity);
        int hops = firstDifference(base, otherHops);
        if (hops < 0 || lastDifference(base, otherHops) != hops) {
            throw new IllegalStateException("cannot locate the hop count byte in the encoded frame");
        }
        return new FrameLayout(base, idHigh, idLow, hops);
    }

    /** @return where the 8 bytes of a long that differs in every byte between the frames start */
    private static int locateLong(ByteBuffer base, ByteBuffer other) {
        int start = firstDifference(base, other);
        if (start < 0 || lastDifference(base, other) - start != Long.BYTES - 1) {
            throw new IllegalStateException("cannot locate the 8 id bytes in the encoded frame");
        }
        return start;
    }

    private static ByteBuffer encode(
            Codec codec, long high, long low, NodeId origin, int hops, ByteBuffer payload, int capacity) {
        ByteBuffer dst = ByteBuffer.allocateDirect(capacity);
        codec.encodeGossip(high, low, origin, hops, payload, dst);
        dst.flip();
        return dst;
    }

    private static int firstDifference(ByteBuffer a, ByteBuffer b) {
        for (int i = 0; i < Math.min(a.limit(), b.limit()); i++) {
            if (a.get(i) != b.get(i)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastDifference(ByteBuffer a, ByteBuffer b) {
        for (int i = Math.min(a.limit(), b.limit()) - 1; i >= 0; i--) {
            if (a.get(i) != b.get(i)) {
                return i;
            }
        }
        return -1;
    }
}
