package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every config flag reaches the config, and the order of precedence holds: flag, then Micronaut's
 * property sources (here a map standing in for environment variables and application.yml, which
 * {@code GossipJarIT} covers with a real process), then the preset.
 */
class NodeOptionsTest {

    private static CliRun run(Map<String, Object> properties, String... args) {
        try (ApplicationContext context = ApplicationContext.run(properties, Environment.CLI, Environment.TEST)) {
            return CliRun.execute(context, args);
        }
    }

    @Test
    void everyFlagReachesTheConfig() {
        CliRun run = run(
                Map.of(),
                "node",
                "--show-config",
                "--preset",
                "local",
                "--bind",
                "127.0.0.1:9001",
                "--advertise",
                "127.0.0.1:9002",
                "--max-datagram-bytes",
                "1300",
                "--receive-buffer-bytes",
                "65536",
                "--send-buffer-bytes",
                "32768",
                "--c",
                "3",
                "--heartbeat-interval",
                "300ms",
                "--isolation-timeout",
                "2s",
                "--forward-hop-factor",
                "12",
                "--lease",
                "4s",
                "--indirection-walk",
                "5",
                "--max-payload-bytes",
                "700",
                "--dedup-capacity",
                "4096",
                "--tick-interval",
                "50ms",
                "--deliver-own-messages",
                "--rate-limit-per-second",
                "50.5",
                "--rate-limit-burst",
                "99",
                "--rate-limit-max-senders",
                "77",
                "--anti-entropy-interval",
                "3s",
                "--anti-entropy-max-digest-ids",
                "8",
                "--anti-entropy-history",
                "16",
                "--dissemination",
                "flood",
                "--announce-interval",
                "40ms",
                "--graft-timeout",
                "90ms",
                "--linger",
                "2ms",
                "--property",
                "a=1",
                "--transport-property",
                "b=2");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains(
                        "bind=127.0.0.1:9001",
                        "advertise=127.0.0.1:9002",
                        "maxDatagramBytes=1300",
                        "receiveBufferBytes=65536",
                        "sendBufferBytes=32768",
                        "c=3",
                        "heartbeatInterval=PT0.3S",
                        "isolationTimeout=PT2S",
                        "forwardHopFactor=12",
                        "lease=PT4S",
                        "indirectionWalk=5",
                        "maxPayloadBytes=700",
                        "dedupCapacity=4096",
                        "tickInterval=PT0.05S",
                        "deliverOwnMessages=true",
                        "perSecond=50.5",
                        "burst=99",
                        "maxSenders=77",
                        "interval=PT3S",
                        "maxDigestIds=8",
                        "historyCapacity=16",
                        "properties={a=1}",
                        "properties={b=2}",
                        "mode=FLOOD",
                        "announceInterval=PT0.04S",
                        "graftTimeout=PT0.09S",
                        "linger=PT0.002S");
    }

    @Test
    void aBadDisseminationIsAUsageErrorNamingTheChoices() {
        CliRun run = run(Map.of(), "node", "--show-config", "--dissemination", "gossip");
        assertThat(run.code()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(run.err()).contains("--dissemination", "must be flood or tree, was 'gossip'");
        CliRun zero = run(Map.of(), "node", "--show-config", "--graft-timeout", "0");
        assertThat(zero.code()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(zero.err()).doesNotContain("Exception");
    }

    @Test
    void aFlagBeatsAPropertyWhichBeatsThePreset() {
        Map<String, Object> properties =
                Map.of("gossip.c", "3", "gossip.max-payload-bytes", "512", "gossip.preset", "wan");
        CliRun run = run(properties, "node", "--show-config", "--c", "4");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("c=4", "maxPayloadBytes=512", "maxDatagramBytes=1200", "heartbeatInterval=PT5S");
    }

    @Test
    void aBadValueFromThePropertiesSaysWhereItCameFrom() {
        CliRun run = run(Map.of("gossip.dedup-capacity", "many"), "node", "--show-config");
        assertThat(run.code()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(run.err())
                .isEqualTo("gossip node: Invalid value for option '--dedup-capacity': 'many' is "
                        + "not an int (value from GOSSIP_DEDUP_CAPACITY or gossip.dedup-capacity) "
                        + "(see 'gossip node --help')" + System.lineSeparator());
    }

    @Test
    void theSeedOfSendMayComeFromTheProperties() {
        CliRun run = run(Map.of("gossip.seed", "127.0.0.1:1"), "send", "--max-payload-bytes", "2", "abc");
        assertThat(run.err()).as(run.toString()).contains("MESSAGE of 3 bytes is above --max-payload-bytes (2)");
    }

    @Test
    void variableAndPropertyNames() {
        assertThat(EnvironmentDefaults.variable("--max-payload-bytes")).isEqualTo("GOSSIP_MAX_PAYLOAD_BYTES");
        assertThat(EnvironmentDefaults.property("--c")).isEqualTo("gossip.c");
    }

    @Test
    void recordMessagesNameTheFlags() {
        assertThat(FlagNames.rewrite("c must be in 0..64, was 65")).isEqualTo("--c must be in 0..64, was 65");
        assertThat(FlagNames.rewrite("interval must not be negative, was PT-1S"))
                .isEqualTo("--anti-entropy-interval must not be negative, was PT-1S");
        assertThat(FlagNames.rewrite("tickInterval must be positive")).isEqualTo("--tick-interval must be positive");
    }
}
