package dev.gossip.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * How {@code gossip node} prints a delivered message: {@code <origin> <text>} on one line, the text
 * decoded as UTF-8 (invalid bytes become U+FFFD) with backslash, line feed, carriage return and tab
 * escaped as {@code \\}, {@code \n}, {@code \r} and {@code \t}, so that every message is exactly
 * one line whatever its bytes.
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
                case '\\':
                    line.append("\\\\");
                    break;
                case '\n':
                    line.append("\\n");
                    break;
                case '\r':
                    line.append("\\r");
                    break;
                case '\t':
                    line.append("\\t");
                    break;
                default:
                    line.append(ch);
            }
        }
        return line.toString();
    }
}
