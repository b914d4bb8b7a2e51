package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.configuration.picocli.PicocliRunner;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The commands run in-process, created by Micronaut, output captured. */
class GossipCliTest {

    private static ApplicationContext context;

    @BeforeAll
    static void startContext() {
        context = ApplicationContext.run(Environment.CLI, Environment.TEST);
    }

    @AfterAll
    static void stopContext() {
        context.close();
    }

    private static CliRun run(String... args) {
        return CliRun.execute(context, args);
    }

    @Test
    void demoWithAFewNodesOverUdpDeliversEverything() {
        CliRun run = run("demo", "--nodes", "4", "--messages", "3", "--seed", "7");
        assertThat(run.out())
                .contains("demo: 4 nodes over udp, c=1, 3 messages, tree dissemination, seed 7")
                .contains("delivery: 9/9 (100.00%)")
                .contains("latency ms: p50")
                .contains("partial view: mean");
        assertThat(run.code()).as(run.toString()).isZero();
    }

    @Test
    void demoOverDtlsMakesItsOwnCertificatesAndDeliversEverything() {
        CliRun run = run("demo", "--nodes", "20", "--transport", "dtls", "--seed", "13");
        assertThat(run.out()).contains("demo: 20 nodes over dtls").contains("delivery: 190/190 (100.00%)");
        assertThat(run.code()).as(run.toString()).isZero();
    }

    @Test
    void demoOverTheInMemoryTransport() {
        CliRun run = run("demo", "--nodes", "12", "--messages", "5", "--transport", "inmem", "--seed", "11");
        assertThat(run.out()).contains("delivery: 55/55 (100.00%)");
        assertThat(run.code()).as(run.toString()).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "demo --nodes x",
                "demo --nodes 1",
                "demo --messages 0",
                "demo --c 65",
                "demo --timeout 5",
                "demo --transport tcp",
                "demo --bogus",
                "node --seed",
                "node --bind nohost",
                "node --isolation-timeout 1s",
                "node --lease 2s",
                "node --tick-interval 0s",
                "node --rate-limit-per-second lots",
                "send",
                "send --seed 127.0.0.1:1",
                "send --seed 127.0.0.1:1 --bogus hello",
                "bench --jar",
                "node --bind 127.0.0.1:0 --seed 127.0.0.1:99999",
                "node --bind 127.0.0.1:0 --c -1",
                "node --bind 127.0.0.1:0 --preset moon",
                "bogus",
                "",
            })
    void aBadFlagIsOneLineOnStderrAndExitCode2(String args) {
        CliRun run = run(args.isEmpty() ? new String[0] : args.split(" "));
        assertThat(run.code()).as(run.toString()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).as(run.err()).hasSize(1);
        assertThat(run.err()).startsWith("gossip").contains("--help')").doesNotContain("Exception");
    }

    @Test
    void theErrorNamesTheFlagAndTheValue() {
        assertThat(run("demo", "--nodes", "x").err())
                .isEqualTo("gossip demo: Invalid value for option '--nodes': 'x' is not an int "
                        + "(see 'gossip demo --help')" + System.lineSeparator());
        assertThat(run("node", "--bind", "127.0.0.1:0", "--c", "99").err()).contains("--c must be in 0..64, was 99");
        assertThat(run("node", "--heartbeat-interval", "3s").err())
                .startsWith(
                        "gossip node: --isolation-timeout must be at least 2 x --heartbeat-interval (PT6S), was PT5S");
        assertThat(run("send", "--seed", "127.0.0.1:1", "x".repeat(1025)).err())
                .startsWith("gossip send: MESSAGE of 1025 bytes is above --max-payload-bytes (1024)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--help",
                "demo --help",
                "node --help",
                "send --help",
                "bench --help",
                "bench race --help",
                "bench udp --help",
                "--version"
            })
    void helpAndVersionExitZero(String args) {
        CliRun run = run(args.split(" "));
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        if (args.contains("help")) {
            assertThat(run.out())
                    .contains("Usage: gossip")
                    .contains("Examples:")
                    .contains("Exit codes:");
        }
    }

    @Test
    void nodeHelpDocumentsTheOutputFormat() {
        assertThat(run("node", "--help").out()).contains("<origin> <text>");
    }

    @Test
    void aNodeWhoseSeedNeverAnswersExitsOneWithAClearMessage() throws Exception {
        try (DatagramChannel silent = DatagramChannel.open()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String seed = "127.0.0.1:" + silent.socket().getLocalPort();
            CliRun run = run("node", "--bind", "127.0.0.1:0", "--seed", seed, "--join-timeout", "300ms");
            assertThat(run.code()).as(run.toString()).isEqualTo(GossipCli.EXIT_FAILURE);
            assertThat(run.err())
                    .contains("gossip node: join failed")
                    .contains(seed)
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void picocliRunnerRunsACommandThroughTheSameContext() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Integer code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = PicocliRunner.call(DemoCommand.class, context, "--nodes", "3", "--messages", "2", "--seed", "5");
        } finally {
            System.setOut(stdout);
        }
        assertThat(code).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("delivery: 4/4 (100.00%)");
    }
}
