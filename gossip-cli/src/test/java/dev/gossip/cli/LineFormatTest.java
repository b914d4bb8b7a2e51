package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineFormatTest {

    @Test
    void escapesWhatWouldBreakTheLine() {
        ByteBuffer payload = ByteBuffer.wrap("a\\b\nc\rd\te é".getBytes(StandardCharsets.UTF_8));
        assertThat(LineFormat.format("127.0.0.1:7946", payload)).isEqualTo("127.0.0.1:7946 a\\\\b\\nc\\rd\\te é");
        assertThat(payload.position()).isZero();
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {'o', 'k', (byte) 0xFF});
        assertThat(LineFormat.format("[::1]:1", payload)).isEqualTo("[::1]:1 ok\uFFFD");
    }

    @Test
    void escapesControlAndFormatCharactersSoAPeerCannotDriveTheTerminal() {
        String hostile = "red\u001b[31m bell\u0007 del\u007f csi\u009b rlo\u202e ls\u2028 nul\u0000";
        ByteBuffer payload = ByteBuffer.wrap(hostile.getBytes(StandardCharsets.UTF_8));
        String line = LineFormat.format("127.0.0.1:1", payload);
        assertThat(line)
                .isEqualTo("127.0.0.1:1 red\\x1b[31m bell\\x07 del\\x7f csi\\x9b rlo\\u202e ls\\u2028 nul\\x00");
        assertThat(line.chars())
                .noneMatch(ch -> Character.isISOControl(ch) || Character.getType(ch) == Character.FORMAT);
    }

    @Test
    void rawPrintsTheTextUnescaped() {
        ByteBuffer payload = ByteBuffer.wrap("a\u001bb\nc".getBytes(StandardCharsets.UTF_8));
        assertThat(LineFormat.raw("127.0.0.1:1", payload)).isEqualTo("127.0.0.1:1 a\u001bb\nc");
    }
}
