package dev.gossip;

import java.util.HexFormat;

/**
 * The 128-bit identifier of a broadcast message, chosen at random by its origin. Duplicates are
 * recognised by this id alone, so two broadcasts collide only with probability about 2^-64 per
 * pair even at astronomically many messages. Immutable.
 *
 * @param high the upper 64 bits
 * @param low the lower 64 bits
 */
public record MessageId(long high, long low) {

    /**
     * Parses the 32-hex-digit form returned by {@link #toString()}.
     *
     * @param hex 32 hexadecimal digits
     * @return the id
     * @throws IllegalArgumentException if the text is not 32 hex digits
     */
    public static MessageId parse(String hex) {
        if (hex == null || hex.length() != 32) {
            throw new IllegalArgumentException("a message id is 32 hex digits, got '" + hex + "'");
        }
        try {
            return new MessageId(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a message id is 32 hex digits, got '" + hex + "'", e);
        }
    }

    /** @return 32 lower-case hex digits, high bits first */
    @Override
    public String toString() {
        HexFormat hf = HexFormat.of();
        return hf.toHexDigits(high) + hf.toHexDigits(low);
    }
}
