package dev.gossip.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CPU-time ratio harness runs a few short rounds and prints a row per dissemination; no speed is asserted. */
class HotPathRatioMainTest {

    @Test
    void printsARatioPerDissemination() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            HotPathRatioMain.main(new String[] {"--rounds", "3", "--ops", "2000"});
        } finally {
            System.setOut(original);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        for (String mode : new String[] {"flood", "tree"}) {
            assertThat(text)
                    .as(text)
                    .containsPattern(mode
                            + " +\\| +[0-9.]+ \\| +[0-9.]+ \\| [0-9.]+ \\[[0-9.]+, [0-9.]+\\] \\(target <= 1.5\\)");
        }
    }
}
