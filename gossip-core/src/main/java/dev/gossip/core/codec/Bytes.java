package dev.gossip.core.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Big-endian absolute reads and writes that ignore the buffer's own {@link ByteBuffer#order()}
 * (a transport may hand over a little-endian buffer; changing its order would be a side effect).
 */
final class Bytes {

    private Bytes() {}

    static int u8(ByteBuffer b, int index) {
        return b.get(index) & 0xFF;
    }

    static int u16(ByteBuffer b, int index) {
        return (b.get(index) & 0xFF) << 8 | b.get(index + 1) & 0xFF;
    }

    static int i32(ByteBuffer b, int index) {
        int v = b.getInt(index);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    static long i64(ByteBuffer b, int index) {
        long v = b.getLong(index);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v);
    }

    static void putU8(ByteBuffer b, int index, int value) {
        b.put(index, (byte) value);
    }

    static void putU16(ByteBuffer b, int index, int value) {
        b.put(index, (byte) (value >>> 8));
        b.put(index + 1, (byte) value);
    }

    static void putI64(ByteBuffer b, int index, long value) {
        b.putLong(index, b.order() == ByteOrder.BIG_ENDIAN ? value : Long.reverseBytes(value));
    }

    /**
     * Checks that {@code length} bytes at {@code index} are well-formed UTF-8 (shortest forms only,
     * no surrogates, at most U+10FFFF), so that decoding and re-encoding gives the same bytes.
     */
    static boolean isUtf8(ByteBuffer b, int index, int length) {
        int i = index;
        int end = index + length;
        while (i < end) {
            int lead = b.get(i) & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int more;
            if (lead >= 0xC2 && lead <= 0xDF) {
                more = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                more = 2;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                more = 3;
            } else {
                return false;
            }
            if (i + more >= end) {
                return false;
            }
            int cp = lead & (0x3F >> more);
            for (int k = 1; k <= more; k++) {
                int c = b.get(i + k) & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return false;
                }
                cp = cp << 6 | c & 0x3F;
            }
            if (more == 2 && (cp < 0x800 || cp >= 0xD800 && cp <= 0xDFFF)
                    || more == 3 && (cp < 0x10000 || cp > 0x10FFFF)) {
                return false;
            }
            i += more + 1;
        }
        return true;
    }
}
