package dev.gossip.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The throughput race with tiny parameters: five nodes of each system, one short step at a low
 * rate, CSV. Enough to show every system forms, sends, counts and prints the documented format;
 * nothing is asserted about speed (the real run is by hand, docs/benchmarks.md).
 */
class ThroughputMainTest {

    private static final Pattern ROW = Pattern.compile(
            "(flood|tree|jgroups),5,100,(0|1)\\.[0-9]{5},[0-9]+\\.[0-9]{3},[0-9]+\\.[0-9]{3},[0-9]+\\.[0-9]{3},[0-9]+\\.[0-9]{2}");

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aOneStepRunPrintsTheCsvHeaderARowPerSystemAndTheMaxima() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream progressBytes = new ByteArrayOutputStream();
        ThroughputOptions options = ThroughputOptions.parse(
                "--nodes",
                "5",
                "--systems",
                "flood,tree,jgroups",
                "--rates",
                "100",
                "--step",
                "1s",
                "--drain",
                "1s",
                "--settle",
                "100ms",
                "--warmup",
                "0ms",
                "--format",
                "csv");

        ThroughputMain.Outcome outcome = ThroughputMain.run(
                options,
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new PrintStream(progressBytes, true, StandardCharsets.UTF_8));

        String progress = progressBytes.toString(StandardCharsets.UTF_8);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(outcome.failures()).as("progress:%n%s", progress).isEmpty();
        assertThat(lines).as("progress:%n%s", progress).hasSize(1 + 3 + 3);
        assertThat(lines.get(0))
                .isEqualTo(
                        "system,nodes,offered_per_s,delivered_ratio,p50_ms,p99_ms,datagrams_per_delivery,cpu_us_per_delivery");
        assertThat(lines.subList(1, 4))
                .allSatisfy(row -> assertThat(row).matches(ROW))
                .extracting(row -> row.split(",")[0])
                .containsExactly("flood", "tree", "jgroups");
        assertThat(lines.subList(4, 7))
                .allSatisfy(line -> assertThat(line).matches("max sustained: (flood|tree|jgroups) 5 (0|100) msgs/s"))
                .extracting(line -> line.split(" ")[2])
                .containsExactly("flood", "tree", "jgroups");
        for (ThroughputResult step : outcome.steps()) {
            assertThat(step.sent()).as("%s sent", step.system()).isPositive();
            assertThat(step.deliveries()).as("%s deliveries", step.system()).isPositive();
            assertThat(step.transportMessages())
                    .as("%s transport messages", step.system())
                    .isPositive();
            assertThat(step.cpuNanos()).as("%s CPU", step.system()).isPositive();
        }
        assertThat(progress).contains("throughput: tree N=5 100 msgs/s: sent ");
    }

    @Test
    void theTableEndsWithTheMaxima() {
        ThroughputOptions options = ThroughputOptions.parse("--nodes", "20,50");
        List<String> lines = ThroughputMain.comparisons(
                options,
                new java.util.LinkedHashMap<>(
                        java.util.Map.of("flood 50", 500, "tree 50", 2_000, "jgroups 50", 16_000)));
        assertThat(lines)
                .containsExactly(
                        "N=50: tree sustains 4.00x flood's rate (target >= 4x)",
                        "N=50: tree sustains 0.13x jgroups's rate (target >= 1x)");
    }
}
