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
}
