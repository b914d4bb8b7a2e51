package dev.gossip.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * How {@code gossip node} prints a delivered message: {@code <origin> <text>} on one line, the text
 * decoded as UTF-8 (invalid bytes become U+FFFD) and escaped so that a peer can neither split the
 * line nor send instructions to the operator's terminal:
 *
 * <ul>
 *   <li>backslash, line feed, carriage return and tab as {@code \\}, {@code \n}, {@code \r}, {@code
 *       \t};
 *   <li>every other control character (U+0000-U+001F, DEL U+007F, U+0080-U+009F: ESC, BEL, CSI
 *       ...) as {@code \xNN}, two lower-case hex digits of the code point;
 *   <li>Unicode format characters (bidirectional overrides such as U+202E, zero-width characters)
 *       and the line and paragraph separators U+2028, U+2029 as {@code \}{@code uNNNN}.
 * </ul>
 *
 * With {@link #raw} the text is printed as decoded, nothing escaped ({@code gossip node --raw}).
 */
final class LineFormat {

    private LineFormat() {}

    /**
     * @param origin the origin's text form
     * @param payload the payload, from position to limit; not changed
     * @return the line, without a line terminator
     */
    static String format(String origin, ByteBuffer payload) {
        String text = StandardCharsets.UTF_8.decode(payload.duplicate()).toString();
        StringBuilder line = new StringBuilder(origin.length() + 1 + text.length() + 8)
                .append(origin)
                .append(' ');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    int type = Character.getType(ch);
                    if (type == Character.CONTROL) {
                        line.append(String.format("\\x%02x", (int) ch));
                    } else if (type == Character.FORMAT
                            || type == Character.LINE_SEPARATOR
                            || type == Character.PARAGRAPH_SEPARATOR) {
                        line.append(String.format("\\u%04x", (int) ch));
                    } else {
                        line.append(ch);
                    }
                }
            }
        }
        return line.toString();
    }

    /**
     * @param origin the origin's text form
     * @param payload the payload, from position to limit; not changed
     * @return {@code <origin> <text>}, the text decoded as UTF-8 and not escaped
     */
    static String raw(String origin, ByteBuffer payload) {
        return origin + ' ' + StandardCharsets.UTF_8.decode(payload.duplicate());
    }
}
