package dev.gossip.cli;

import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;

/**
 * Splits {@code gossip node}'s stdin into the lines it broadcasts, by one rule: a line ends at a
 * line feed (LF), and a carriage return right before that LF is dropped (CRLF); a carriage return
 * anywhere else is part of the text. The end of input ends a last line that has text. Unlike
 * {@link java.io.BufferedReader#readLine()}, a lone CR therefore does not split one line into two
 * broadcasts.
 */
final class StdinLines {

    private final Reader in;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;

    StdinLines(Reader in) {
        this.in = in;
    }

    /**
     * @return the next line without its terminator, or {@code null} at the end of input
     * @throws IOException if reading fails
     */
    @Nullable
    String next() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line == null || line.isEmpty() ? null : line.toString();
                }
            }
            if (line == null) {
                line = new StringBuilder();
            }
            char ch = buffer[position++];
            if (ch == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append(ch);
        }
    }
}
