package dev.gossip.core.codec;

import dev.gossip.Address;
import dev.gossip.IpAddress;
import dev.gossip.NodeId;
import dev.gossip.OpaqueAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The wire form of an {@link Address}, and a small cache of encoded node addresses so that encoding
 * the same node again (the node's own id on every broadcast, the same partial-view members on every
 * membership message) allocates nothing.
 *
 * <pre>
 * IPv4:    kind 0x04 | 4 address bytes  | port u16          (7 bytes)
 * IPv6:    kind 0x06 | 16 address bytes | port u16          (19 bytes)
 * opaque:  kind 0x0F | scheme length u8 (1..32) | scheme, UTF-8 without ':'
 *                    | value length u8 (0..255) | value     (3 + scheme + value bytes)
 * </pre>
 *
 * An IPv6 scope id (such as {@code %eth0}) is not carried.
 */
final class AddressCodec {

    static final int KIND_IPV4 = 0x04;
    static final int KIND_IPV6 = 0x06;
    static final int KIND_OPAQUE = 0x0F;
    static final int IPV4_LENGTH = 1 + 4 + 2;
    static final int IPV6_LENGTH = 1 + 16 + 2;
    /** Longest encoded address: an opaque one with the largest scheme and value. */
    static final int MAX_LENGTH = 3 + OpaqueAddress.MAX_SCHEME_BYTES + OpaqueAddress.MAX_VALUE_BYTES;

    /** {@link #measure} result: the address runs past the limit. */
    static final int TRUNCATED = -1;
    /** {@link #measure} result: an unknown kind or an invalid scheme. */
    static final int MALFORMED = -2;

    private static final int CACHE_SLOTS = 64;

    private final NodeId[] cachedIds = new NodeId[CACHE_SLOTS];
    private final byte[][] cachedBytes = new byte[CACHE_SLOTS][];

    /**
     * Returns the encoded address of {@code id}; the array is shared and must not be modified.
     * Allocates only on a cache miss.
     */
    byte[] encoded(NodeId id) {
        int slot = id.hashCode() & (CACHE_SLOTS - 1);
        NodeId cached = cachedIds[slot];
        if (cached == id || id.equals(cached)) {
            return cachedBytes[slot];
        }
        byte[] bytes = encode(id.address());
        cachedIds[slot] = id;
        cachedBytes[slot] = bytes;
        return bytes;
    }

    static byte[] encode(Address address) {
        if (address instanceof IpAddress ip) {
            byte[] raw = ip.host().getAddress();
            byte[] out = new byte[1 + raw.length + 2];
            out[0] = (byte) (raw.length == 4 ? KIND_IPV4 : KIND_IPV6);
            System.arraycopy(raw, 0, out, 1, raw.length);
            out[out.length - 2] = (byte) (ip.port() >>> 8);
            out[out.length - 1] = (byte) ip.port();
            return out;
        }
        OpaqueAddress opaque = (OpaqueAddress) address;
        byte[] scheme = opaque.scheme().getBytes(StandardCharsets.UTF_8);
        byte[] value = opaque.value();
        byte[] out = new byte[3 + scheme.length + value.length];
        out[0] = (byte) KIND_OPAQUE;
        out[1] = (byte) scheme.length;
        System.arraycopy(scheme, 0, out, 2, scheme.length);
        out[2 + scheme.length] = (byte) value.length;
        System.arraycopy(value, 0, out, 3 + scheme.length, value.length);
        return out;
    }

    /**
     * Validates the address starting at {@code index} without allocating.
     *
     * @return its encoded length, or {@link #TRUNCATED} or {@link #MALFORMED}
     */
    static int measure(ByteBuffer b, int index, int limit) {
        if (index >= limit) {
            return TRUNCATED;
        }
        int kind = Bytes.u8(b, index);
        int length;
        if (kind == KIND_IPV4) {
            length = IPV4_LENGTH;
        } else if (kind == KIND_IPV6) {
            length = IPV6_LENGTH;
        } else if (kind == KIND_OPAQUE) {
            if (index + 2 > limit) {
                return TRUNCATED;
            }
            int schemeLength = Bytes.u8(b, index + 1);
            if (schemeLength == 0 || schemeLength > OpaqueAddress.MAX_SCHEME_BYTES) {
                return MALFORMED;
            }
            if (index + 3 + schemeLength > limit) {
                return TRUNCATED;
            }
            if (!validScheme(b, index + 2, schemeLength)) {
                return MALFORMED;
            }
            length = 3 + schemeLength + Bytes.u8(b, index + 2 + schemeLength);
        } else {
            return MALFORMED;
        }
        return index + length > limit ? TRUNCATED : length;
    }

    private static boolean validScheme(ByteBuffer b, int index, int length) {
        for (int i = index; i < index + length; i++) {
            if (b.get(i) == ':') {
                return false;
            }
        }
        return Bytes.isUtf8(b, index, length);
    }

    /** Reads an address that {@link #measure} accepted. Allocates. */
    static Address read(ByteBuffer b, int index) {
        int kind = Bytes.u8(b, index);
        if (kind == KIND_IPV4 || kind == KIND_IPV6) {
            byte[] raw = new byte[kind == KIND_IPV4 ? 4 : 16];
            b.get(index + 1, raw);
            return IpAddress.of(raw, Bytes.u16(b, index + 1 + raw.length));
        }
        byte[] scheme = new byte[Bytes.u8(b, index + 1)];
        b.get(index + 2, scheme);
        byte[] value = new byte[Bytes.u8(b, index + 2 + scheme.length)];
        b.get(index + 3 + scheme.length, value);
        return OpaqueAddress.of(new String(scheme, StandardCharsets.UTF_8), value);
    }
}
