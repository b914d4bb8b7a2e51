package dev.gossip.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.core.Gossip;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * {@code gossip send} in-process against real nodes; the two-node case also runs with real
 * processes in {@code CliProcessIT}.
 */
class SendCommandTest {

    @Test
    void withASingleNodeNoCopyComesBackSoSendSaysUnacknowledged() {
        GossipConfig config =
                GossipConfig.local().toBuilder().transportProvider("udp").build();
        try (GossipNode seed = Gossip.builder(config).build();
                ApplicationContext context = ApplicationContext.run(Environment.CLI, Environment.TEST)) {
            Queue<String> delivered = new ConcurrentLinkedQueue<>();
            seed.addMessageListener(d -> delivered.add(new String(d.payloadBytes(), UTF_8)));
            seed.start();
            CliRun run = CliRun.execute(
                    context,
                    "send",
                    "--preset",
                    "local",
                    "--seed",
                    seed.id().toString(),
                    "--ack-timeout",
                    "300ms",
                    "lonely");
            assertThat(run.code())
                    .as("stdout %s stderr %s", run.out(), run.err())
                    .isEqualTo(SendCommand.EXIT_UNACKNOWLEDGED);
            assertThat(run.out()).matches("[0-9a-f]{32} unacknowledged\\R");
            assertThat(run.err()).contains("gossip send: 1 of 1 messages not acknowledged within PT0.3S");
            await().atMost(Duration.ofSeconds(5)).until(() -> delivered.contains("lonely"));
        }
    }
    /**
     * Two nodes under the default dissemination (tree): send's node floods, so a node that got the
     * message from the other one sends a copy back. (A tree node at send pushed over its InView as
     * well, both nodes had the message from send directly, and none came back: exit 3.)
     */
    @Test
    void withTwoTreeNodesACopyComesBackAndSendSaysAcknowledged() {
        GossipConfig config =
                GossipConfig.local().toBuilder().transportProvider("udp").build();
        assertThat(config.dissemination().mode()).isEqualTo(dev.gossip.DisseminationConfig.Mode.TREE);
        try (GossipNode a = Gossip.builder(config).build();
                GossipNode b = Gossip.builder(config).build();
                ApplicationContext context = ApplicationContext.run(Environment.CLI, Environment.TEST)) {
            Queue<String> delivered = new ConcurrentLinkedQueue<>();
            a.addMessageListener(d -> delivered.add("a " + new String(d.payloadBytes(), UTF_8)));
            b.addMessageListener(d -> delivered.add("b " + new String(d.payloadBytes(), UTF_8)));
            a.start();
            b.start();
            b.join(java.util.List.of(a.id().address()), Duration.ofSeconds(10));
            CliRun run = CliRun.execute(
                    context,
                    "send",
                    "--preset",
                    "local",
                    "--seed",
                    a.id().toString(),
                    "--ack-timeout",
                    "2s",
                    "one",
                    "two",
                    "three");
            assertThat(run.code())
                    .as("stdout %s stderr %s", run.out(), run.err())
                    .isZero();
            assertThat(run.out().lines()).hasSize(3).allMatch(l -> l.endsWith(" acknowledged"));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> delivered.containsAll(
                            java.util.List.of("a one", "b one", "a two", "b two", "a three", "b three")));
        }
    }
}
