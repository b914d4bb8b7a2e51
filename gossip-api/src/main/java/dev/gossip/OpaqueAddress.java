package dev.gossip;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An address only a custom transport understands: a scheme naming the transport kind and up to
 * {@value #MAX_VALUE_BYTES} bytes of value. The in-memory transport uses scheme {@code mem}.
 * Immutable and thread-safe.
 */
public final class OpaqueAddress implements Address {

    /** Largest value, in bytes, an opaque address may carry (it must fit the wire format). */
    public static final int MAX_VALUE_BYTES = 255;
    /** Largest scheme, in bytes of UTF-8. */
    public static final int MAX_SCHEME_BYTES = 32;

    private final String scheme;
    private final byte[] value;
    private final int hash;

    private OpaqueAddress(String scheme, byte[] value) {
        this.scheme = scheme;
        this.value = value;
        this.hash = scheme.hashCode() * 31 + Arrays.hashCode(value);
    }

    /**
     * Creates an opaque address.
     *
     * @param scheme non-empty, at most {@value #MAX_SCHEME_BYTES} UTF-8 bytes, no ':'
     * @param value at most {@value #MAX_VALUE_BYTES} bytes; copied
     * @return the address
     * @throws IllegalArgumentException naming the limit broken
     */
    public static OpaqueAddress of(String scheme, byte[] value) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(value, "value");
        int schemeBytes = scheme.getBytes(StandardCharsets.UTF_8).length;
        if (schemeBytes == 0 || schemeBytes > MAX_SCHEME_BYTES || scheme.indexOf(':') >= 0) {
            throw new IllegalArgumentException(
                    "scheme must be 1.." + MAX_SCHEME_BYTES + " UTF-8 bytes without ':', was '" + scheme + "'");
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException(
                    "value must be at most " + MAX_VALUE_BYTES + " bytes, was " + value.length);
        }
        return new OpaqueAddress(scheme, value.clone());
    }

    /**
     * Creates an opaque address whose value is the UTF-8 bytes of {@code value}.
     *
     * @param scheme see {@link #of(String, byte[])}
     * @param value text value
     * @return the address
     */
    public static OpaqueAddress of(String scheme, String value) {
        return of(scheme, value.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the scheme, such as {@code mem} */
    public String scheme() {
        return scheme;
    }

    /** @return a copy of the value bytes */
    public byte[] value() {
        return value.clone();
    }

    /** @return the number of value bytes, without copying */
    public int valueLength() {
        return value.length;
    }

    /**
     * Reads one value byte without copying.
     *
     * @param index 0 to {@link #valueLength()} - 1
     * @return the byte
     */
    public byte valueAt(int index) {
        return value[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpaqueAddress other
                && other.hash == hash
                && other.scheme.equals(scheme)
                && Arrays.equals(other.value, value);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** @return {@code scheme:value}, the value as UTF-8 text */
    @Override
    public String toString() {
        return scheme + ":" + new String(value, StandardCharsets.UTF_8);
    }
}
