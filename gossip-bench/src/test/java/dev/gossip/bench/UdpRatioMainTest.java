package dev.gossip.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The ratio harness with tiny windows and three rounds: enough to show it opens every path, sends,
 * drains and prints a well-formed table. Nothing is asserted about speed; the real run is by hand
 * (docs/benchmarks.md).
 */
class UdpRatioMainTest {

    private static final Pattern ROW = Pattern.compile(
            "\\| (raw|transport|node) \\| ([0-9.]+) \\| ([0-9.]+) \\| (-?[0-9.]+) \\| (1|n/a|[0-9.]+ \\[[0-9.]+, [0-9.]+\\]) "
                    + "\\| (1|n/a|[0-9.]+ \\[[0-9.]+, [0-9.]+\\]) \\| ([0-9.]+) \\| ([0-9.]+) \\|");

    @Test
    void printsOneWellFormedTablePerPayload() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        UdpRatioMain.Options options = UdpRatioMain.Options.parse(
                "--payloads", "64,512", "--rounds", "3", "--window-ms", "20", "--warmup-ms", "50");

        List<UdpRatioTable> tables = UdpRatioMain.run(options, out);

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(tables).hasSize(2);
        assertThat(text)
                .contains(
                        "payload 64 B: 3 rounds",
                        "payload 512 B: 3 rounds",
                        "| path | sent k/s | received k/s | loss % | sent / raw | received / raw | sender CPU",
                        "target transport/raw >= 0.80 at 64 B",
                        "target node/raw >= 0.80 at 512 B");
        Matcher rows = ROW.matcher(text);
        int count = 0;
        while (rows.find()) {
            count++;
            assertThat(Double.parseDouble(rows.group(2)))
                    .as("sent rate in %s", rows.group())
                    .isPositive();
            assertThat(Double.parseDouble(rows.group(3)))
                    .as("received rate in %s", rows.group())
                    .isPositive();
            assertThat(Double.parseDouble(rows.group(8)))
                    .as("process CPU in %s", rows.group())
                    .isPositive();
        }
        assertThat(count).as("table rows in:%n%s", text).isEqualTo(6);
        for (UdpRatioTable table : tables) {
            assertThat(table.rounds()).isEqualTo(3);
            // A 20 ms window on a loaded machine can pass with a receiver never scheduled: that
            // round then has no ratio (see aRoundWhereRawReceivedNothingHasNoRatioInsteadOfNaN).
            assertThat(Arrays.stream(table.ratios("node", true)).boxed())
                    .hasSizeBetween(1, 3)
                    .allSatisfy(r -> assertThat(r).isFinite().isNotNegative());
        }
    }

    @Test
    void quantilesInterpolateBetweenRanks() {
        double[] values = {4, 1, 3, 2};
        assertThat(UdpRatioTable.quantile(values, 0.5)).isEqualTo(2.5);
        assertThat(UdpRatioTable.quantile(values, 0.25)).isEqualTo(1.75);
        assertThat(UdpRatioTable.quantile(new double[] {7}, 0.75)).isEqualTo(7);
    }

    @Test
    void aRoundWhereRawReceivedNothingHasNoRatioInsteadOfNaN() {
        UdpRatioTable table = new UdpRatioTable(512);
        for (String path : UdpPath.NAMES) {
            table.add(path, new UdpRatioTable.Window(1000, path.equals("raw") ? 0 : 500, 0.02, 1, 1));
            table.add(path, new UdpRatioTable.Window(1000, 1000, 0.02, 1, 1));
        }
        assertThat(table.ratios("node", true)).containsExactly(1.0);
        assertThat(table.format(20)).doesNotContain("NaN").doesNotContain("Infinity");
        assertThat(table.targetLines()).contains("target node/raw >= 0.80 at 512 B: 1.00, met");

        UdpRatioTable silent = new UdpRatioTable(512);
        UdpPath.NAMES.forEach(path -> silent.add(path, new UdpRatioTable.Window(1000, 0, 0.02, 1, 1)));
        assertThat(silent.format(20)).contains("| 1.00 [1.00, 1.00] | n/a |").doesNotContain("NaN");
        assertThat(silent.targetLines()).contains("n/a (raw received nothing in any round), NOT met");
    }

    @Test
    void badOptionsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> UdpRatioMain.Options.parse("--rounds", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--rounds");
        assertThatThrownBy(() -> UdpRatioMain.Options.parse("--colour", "red"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option --colour");
    }
}
