package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.cli.CliProcessIT.Proc;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator meets with the real jar: configuration mistakes, the benchmark commands' usage
 * errors, a node's metrics endpoint, what a peer's text does to the terminal, and {@code send}
 * leaving the cluster on every way out.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OperatorIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void findJar() {
        CliProcessIT.findJar();
    }

    private static void assertOneLineUsageError(Proc p, String... fragments) throws InterruptedException {
        assertThat(p.await()).as(p.text()).isEqualTo(GossipCli.EXIT_USAGE);
        await().atMost(Duration.ofSeconds(5)).until(() -> !p.err().isEmpty());
        assertThat(p.err())
                .as(p.text())
                .singleElement()
                .satisfies(l -> assertThat(l).contains(fragments).doesNotContain("Exception"));
    }

    @Test
    void configurationMistakesAreOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("application.yml"), "gossip:\n  c: [1, 2\n");
        assertOneLineUsageError(
                CliProcessIT.start(dir, Map.of(), "node", "--show-config"),
                "gossip: ./application.yml:3:1: malformed YAML");
        assertOneLineUsageError(
                CliProcessIT.start(dir, Map.of(), "demo", "--nodes", "2"), "./application.yml:3:1: malformed YAML");

        Path missing = dir.resolve("missing.yml");
        assertOneLineUsageError(
                CliProcessIT.start(null, Map.of("MICRONAUT_CONFIG_FILES", missing.toString()), "node", "--show-config"),
                missing + ": configuration file not found");

        Files.writeString(dir.resolve("application.yml"), "gossip:\n  heartbeat-intervall: 2s\n");
        assertOneLineUsageError(
                CliProcessIT.start(dir, Map.of(), "node", "--show-config"),
                "unknown key gossip.heartbeat-intervall in ",
                "did you mean gossip.heartbeat-interval?");

        Files.writeString(dir.resolve("application.yml"), "gossip:\n  bind:\n    host: 127.0.0.1\n");
        assertOneLineUsageError(
                CliProcessIT.start(dir, Map.of(), "node", "--show-config"), "gossip.bind in ", "must be one value");

        Proc env = CliProcessIT.start(null, Map.of("GOSSIP_HEARTBEAT_INTERVALL", "2s"), "node", "--show-config");
        assertThat(env.await()).as(env.text()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> !env.err().isEmpty());
        assertThat(env.err())
                .containsExactly("gossip node: warning: environment variable GOSSIP_HEARTBEAT_INTERVALL is not a"
                        + " setting, ignored; did you mean GOSSIP_HEARTBEAT_INTERVAL?");
    }

    @Test
    void benchmarkCommandsRejectBadFlagsInOneLine() throws Exception {
        assertOneLineUsageError(CliProcessIT.start("bench", "race", "--bogus"), "gossip bench race", "--bogus");
        assertOneLineUsageError(CliProcessIT.start("bench", "race", "--nodes", "abc"), "--nodes", "'abc'");
        Path bench = Path.of(System.getProperty("gossip.bench.jar", "../gossip-bench/target/benchmarks.jar"))
                .toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(bench), "gossip-bench is not built: " + bench);
        assertOneLineUsageError(
                CliProcessIT.start("bench", "--jar", bench.toString(), "udp", "--bogus", "x"),
                "unknown option --bogus");
        for (String main : List.of("RaceMain", "UdpRatioMain", "ThroughputMain", "UdpSendCostMain")) {
            Proc help = java(bench, main, "--help");
            assertThat(help.await()).as(help.text()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> !help.out().isEmpty());
            assertThat(help.out().peek()).startsWith("usage: " + main);
            assertOneLineUsageError(java(bench, main, "--bogus", "x"), main + ": ");
        }
        assertOneLineUsageError(java(bench, "RaceMain", "--nodes", "abc"), "RaceMain: --nodes: not a number");
        assertOneLineUsageError(java(bench, "UdpRatioMain", "--rounds", "abc"), "UdpRatioMain: --rounds: not a number");
    }

    private static Proc java(Path bench, String main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                bench.toString(),
                "dev.gossip.bench." + main));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        return new Proc(
                process,
                ProcessLines.collect(process.getInputStream()),
                ProcessLines.collect(process.getErrorStream()));
    }

    /**
     * Two nodes that accept datagrams of at most 200 bytes, each with a metrics endpoint. A send
     * whose frame is too large for its own 200-byte datagrams fails after its join; a send of a
     * 500-byte message from a node with normal datagrams is dropped by both nodes, so no copy
     * comes back and send waits until SIGINT. Either way, afterwards no node lists the sender.
     */
    @Test
    void twoNodesServeMetricsEscapeTextAndForgetEverySend() throws Exception {
        Proc a = CliProcessIT.start(
                "node", "--preset", "local", "--max-datagram-bytes", "200", "--metrics-bind", "127.0.0.1:0");
        Proc b = null;
        try {
            String seed = line(a, "gossip node: listening as ");
            String metricsA = line(a, "gossip node: metrics at ").replace("/metrics and /status", "");
            b = CliProcessIT.start(
                    "node",
                    "--preset",
                    "local",
                    "--max-datagram-bytes",
                    "200",
                    "--seed",
                    seed,
                    "--metrics-bind",
                    "127.0.0.1:0");
            String nodeB = line(b, "gossip node: listening as ");
            String metricsB = line(b, "gossip node: metrics at ").replace("/metrics and /status", "");
            line(b, "gossip node: joined");

            // A peer's control characters reach the terminal escaped, and a lone CR splits nothing.
            try (OutputStream stdin = b.process().getOutputStream()) {
                stdin.write("esc\u001b[31m bell\u0007 cr\rstill one line\n".getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                await().atMost(Duration.ofSeconds(20)).until(() -> !a.out().isEmpty());
            }
            assertThat(a.out()).as(a.text()).containsExactly(nodeB + " esc\\x1b[31m bell\\x07 cr\\rstill one line");

            // /metrics: Prometheus text with the node's counters; /status: JSON with its views.
            String metrics = get(metricsA + "/metrics");
            assertThat(metrics)
                    .containsPattern("(?m)^gossip_messages_delivered_messages_total 1\\.0$")
                    .containsPattern("(?m)^gossip_messages_duplicates_messages_total \\d")
                    .containsPattern("(?m)^gossip_drops_datagrams_total\\{reason=\"oversized\"} \\d")
                    .containsPattern("(?m)^gossip_view_size\\w*\\{view=\"partial\"} 1\\.0$")
                    .containsPattern("(?m)^gossip_view_size\\w*\\{view=\"in\"} 1\\.0$");
            Map<?, ?> status = (Map<?, ?>) Json.parse(get(metricsA + "/status"));
            assertThat(status.get("id")).isEqualTo(seed);
            assertThat(status.get("partialView")).isEqualTo(List.of(nodeB));
            assertThat(((Map<?, ?>) status.get("drops")).get("OVERSIZED")).isEqualTo(0.0);
            assertThat(HTTP.send(request(metricsA + "/nothing"), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(404);

            // A frame too large for the sender's own datagrams, found only after its join.
            String sender = "127.0.0.1:" + freeUdpPort();
            Proc tooLarge = CliProcessIT.start(
                    "send",
                    "--preset",
                    "local",
                    "--seed",
                    seed,
                    "--bind",
                    sender,
                    "--max-datagram-bytes",
                    "200",
                    "--max-payload-bytes",
                    "1000",
                    "x".repeat(500));
            assertThat(tooLarge.await()).as(tooLarge.text()).isEqualTo(GossipCli.EXIT_FAILURE);
            await().atMost(Duration.ofSeconds(5)).until(() -> !tooLarge.err().isEmpty());
            assertThat(tooLarge.err())
                    .as(tooLarge.text())
                    .singleElement()
                    .satisfies(l -> assertThat(l)
                            .startsWith("gossip send: ")
                            .contains("500")
                            .doesNotContain("Exception"));
            assertForgotten(sender, metricsA, metricsB);

            // SIGINT while send waits for a copy that cannot come back.
            String waiting = "127.0.0.1:" + freeUdpPort();
            Proc interrupted = CliProcessIT.start(
                    "send",
                    "--preset",
                    "local",
                    "--seed",
                    seed,
                    "--bind",
                    waiting,
                    "--ack-timeout",
                    "60s",
                    "y".repeat(500));
            await().alias("the sender is in a view; " + interrupted.text())
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> lists(metricsA, waiting) || lists(metricsB, waiting));
            new ProcessBuilder(
                            "kill", "-INT", Long.toString(interrupted.process().pid()))
                    .start()
                    .waitFor();
            assertThat(interrupted.await()).as(interrupted.text()).isEqualTo(130);
            assertForgotten(waiting, metricsA, metricsB);
        } finally {
            a.process().destroy();
            if (b != null) {
                b.process().destroy();
            }
        }
    }

    private static void assertForgotten(String sender, String... endpoints) {
        for (String endpoint : endpoints) {
            await().alias(endpoint + "/status still lists " + sender)
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !lists(endpoint, sender));
        }
    }

    private static boolean lists(String endpoint, String node) throws Exception {
        Map<?, ?> status = (Map<?, ?>) Json.parse(get(endpoint + "/status"));
        return ((List<?>) status.get("partialView")).contains(node) || ((List<?>) status.get("inView")).contains(node);
    }

    private static String line(Proc p, String prefix) {
        return await().alias(prefix + "; " + p.text())
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> p.err().stream()
                                .filter(l -> l.startsWith(prefix))
                                .findFirst()
                                .map(l -> l.substring(prefix.length()))
                                .orElse(null),
                        s -> s != null);
    }

    private static HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(request(url), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
