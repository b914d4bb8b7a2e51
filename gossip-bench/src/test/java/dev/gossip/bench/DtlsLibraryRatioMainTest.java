package dev.gossip.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The library comparison with tiny windows and three rounds: enough to show both libraries
 * handshake with certificates, carry datagrams at 512 B and give a ratio. Nothing is asserted
 * about speed; the real run is by hand (docs/security.md).
 */
@Timeout(120)
class DtlsLibraryRatioMainTest {

    @Test
    void bothLibrariesCarryDatagramsAndTheRatioIsPrinted() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        double[] ratios = DtlsLibraryRatioMain.run(512, 3, 50, 100, out);

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(ratios).as(text).hasSize(3);
        assertThat(java.util.Arrays.stream(ratios).boxed()).as(text).allMatch(r -> r > 0 && Double.isFinite(r));
        assertThat(text)
                .containsPattern("\\| jdk-dtls \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\[[0-9.]+, [0-9.]+\\] \\|  \\|")
                .containsPattern(
                        "\\| bc-dtls \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\[[0-9.]+, [0-9.]+\\] \\| [0-9.]+ \\[")
                .containsPattern(
                        "bc-dtls/jdk-dtls received rate at 512 B: [0-9.]+ \\(median of 3 rounds, 50 ms windows\\)");
    }
}
