package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Misspelled and wrongly shaped settings are reported, not ignored. The property map here stands
 * in for application.yml (same kind of property source); {@code OperatorIT} runs real files and
 * variables through the jar.
 */
class ConfigKeysTest {

    private static CliRun run(Map<String, Object> properties, Map<String, String> variables, String... args) {
        try (ApplicationContext context = ApplicationContext.run(properties, Environment.CLI, Environment.TEST)) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = GossipCli.execute(context, variables, new PrintWriter(out), new PrintWriter(err), args);
            return new CliRun(code, out.toString(), err.toString());
        }
    }

    @Test
    void aMisspelledKeyIsAUsageErrorNamingTheValidOne() {
        CliRun run = run(Map.of("gossip.heartbeat-intervall", "3s"), Map.of(), "node", "--show-config");
        assertThat(run.code()).as(run.err()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(run.err().lines().toList())
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .startsWith("gossip node: unknown key gossip.heartbeat-intervall in ")
                        .contains("did you mean gossip.heartbeat-interval?"));
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMapWhereOneValueBelongsIsAUsageError() {
        // application.yml's "gossip: {bind: {host: x}}" arrives flattened, as gossip.bind.host
        CliRun run = run(Map.of("gossip.bind.host", "x"), Map.of(), "send", "--seed", "127.0.0.1:1", "m");
        assertThat(run.code()).as(run.err()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(run.err()).startsWith("gossip send: gossip.bind in ").contains("must be one value, not a map");
    }

    @Test
    void validKeysInEitherSpellingAndEveryCommandsOptionsPass() {
        CliRun run = run(
                Map.of("gossip.heartbeatInterval", "2s", "gossip.ack-timeout", "2s", "gossip.c", "2"),
                Map.of("GOSSIP_C", "2", "GOSSIP_JOIN_TIMEOUT", "1s"),
                "node",
                "--show-config");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("heartbeatInterval=PT2S", "c=2");
    }

    @Test
    void anUnknownGossipVariableIsAWarningNamingTheNearestOne() {
        CliRun run =
                run(Map.of(), Map.of("GOSSIP_HEARTBEAT_INTERVALL", "3s", "GOSSIP_ZZZ", "1"), "node", "--show-config");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err().lines().toList())
                .containsExactly(
                        "gossip node: warning: environment variable GOSSIP_HEARTBEAT_INTERVALL is not a setting,"
                                + " ignored; did you mean GOSSIP_HEARTBEAT_INTERVAL?",
                        "gossip node: warning: environment variable GOSSIP_ZZZ is not a setting, ignored");
    }

    @Test
    void variablesReadWithoutAFlagAreNotWarnedAbout() {
        CliRun run = run(
                Map.of(),
                Map.of(
                        "GOSSIP_KEYSTORE_PASSWORD", "secret",
                        "GOSSIP_TRUSTSTORE_PASSWORD", "secret",
                        "GOSSIP_BENCH_JAR", "/nowhere/benchmarks.jar"),
                "node",
                "--show-config");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void otherCommandsAndHelpAreNotStoppedByTheCheck() {
        assertThat(run(Map.of("gossip.bogus", "1"), Map.of(), "node", "--help").code())
                .isZero();
        assertThat(run(Map.of("gossip.bogus", "1"), Map.of(), "--version").code())
                .isZero();
    }

    @Test
    void nearestNeedsACloseName() {
        assertThat(ConfigKeys.nearest("heartbeat-intervall", List.of("heartbeat-interval", "c"), "<", ">"))
                .isEqualTo("<heartbeat-interval>");
        assertThat(ConfigKeys.nearest("completely-different", List.of("c", "lease"), "<", ">"))
                .isEmpty();
    }

    @Test
    void aMalformedYamlFileIsNamedWithLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gossip.yml");
        Files.writeString(file, "gossip:\n  c: [1, 2\n");
        assertThat(ConfigFiles.yamlProblem(file))
                .isEqualTo(file + ":3:1: malformed YAML: expected ',' or ']', but got <stream end>"
                        + " (while parsing a flow sequence from 2:6)");
        Files.writeString(file, "gossip:\n  c: 2\n");
        assertThat(ConfigFiles.yamlProblem(file)).isNull();
        assertThat(ConfigFiles.describe(
                        new IllegalStateException("x"), Map.of("MICRONAUT_CONFIG_FILES", dir + "/none.yml")))
                .isEqualTo(dir + "/none.yml: configuration file not found (named by MICRONAUT_CONFIG_FILES)");
    }
}
