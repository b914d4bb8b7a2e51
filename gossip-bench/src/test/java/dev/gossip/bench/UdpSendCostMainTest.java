package dev.gossip.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The send-cost harness runs one round and prints a row per way of sending; no speed is asserted. */
class UdpSendCostMainTest {

    @Test
    void printsOneRowPerWayOfSending() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            UdpSendCostMain.main(new String[] {"64", "1"});
        } finally {
            System.setOut(original);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        for (String way :
                new String[] {"raw-direct", "raw-heap", "raw-with-reader", "transport-heap", "transport-direct"}) {
            assertThat(text)
                    .as(text)
                    .containsPattern("\\| " + way + " \\| [0-9]+ \\[[0-9]+, [0-9]+\\] \\| [+-][0-9]+ \\|");
        }
    }
}
