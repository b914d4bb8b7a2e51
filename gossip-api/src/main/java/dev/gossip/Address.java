package dev.gossip;

/**
 * Where a node can be reached: an IP endpoint ({@link IpAddress}, IPv4 or IPv6 plus a port) or an
 * opaque value that only a custom transport understands ({@link OpaqueAddress}).
 *
 * <p>Addresses are immutable values with {@code equals}/{@code hashCode}, safe to share between
 * threads and to use as map keys.
 */
public sealed interface Address permits IpAddress, OpaqueAddress {

    /**
     * Parses {@code host:port}, {@code [ipv6]:port} or the {@link OpaqueAddress#toString() opaque}
     * form {@code scheme:value}. Text whose last {@code :} is followed by digits only, or that starts
     * with {@code [}, is an IP address; otherwise text whose part before the first {@code :} is a
     * scheme (a letter, then letters, digits, {@code + - .}) is opaque. So {@code mem:node-1} is
     * opaque, but {@code mem:42} is host {@code mem} port 42: give opaque values a non-digit.
     *
     * <p>IP literals never touch DNS; a host name (such as {@code localhost}) is resolved once, here.
     *
     * @param text the address text, never {@code null}
     * @return the parsed address
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    static Address parse(String text) {
        java.util.Objects.requireNonNull(text, "text");
        String s = text.strip();
        int colon = s.lastIndexOf(':');
        boolean numericPort = colon > 0
                && colon < s.length() - 1
                && s.substring(colon + 1).chars().allMatch(Character::isDigit);
        if (s.startsWith("[") || numericPort) {
            return IpAddress.parse(s);
        }
        int first = s.indexOf(':');
        if (first <= 0 || !isScheme(s.substring(0, first))) {
            throw new IllegalArgumentException("expected host:port, [ipv6]:port or scheme:value, got '" + text + "'");
        }
        return OpaqueAddress.of(s.substring(0, first), s.substring(first + 1));
    }

    private static boolean isScheme(String candidate) {
        // Like a URI scheme: a letter, then letters, digits, '+', '-' or '.'; so "127.0.0.1:" is
        // a malformed IP address, not an opaque one.
        if (!Character.isLetter(candidate.charAt(0))) {
            return false;
        }
        return candidate
                .chars()
                .allMatch(ch -> ch < 128 && (Character.isLetterOrDigit(ch) || ch == '+' || ch == '-' || ch == '.'));
    }

    /**
     * Returns a short human-readable form that {@link #parse(String)} reads back.
     *
     * @return the text form
     */
    @Override
    String toString();
}
