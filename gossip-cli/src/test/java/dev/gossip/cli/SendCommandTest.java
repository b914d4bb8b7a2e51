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

    /**
     * The flake's cause, as a rule: a keeper that is also the one node send sends to never passes
     * the message back, so send must wait for a keeper outside its partial view.
     */
    @Test
    void aCopyCanComeBackOnlyFromAKeeperOutsideThePartialView() {
        dev.gossip.NodeId a = new dev.gossip.NodeId(dev.gossip.Address.parse("127.0.0.1:1"));
        dev.gossip.NodeId b = new dev.gossip.NodeId(dev.gossip.Address.parse("127.0.0.1:2"));
        dev.gossip.NodeId self = new dev.gossip.NodeId(dev.gossip.Address.parse("127.0.0.1:3"));
        assertThat(SendCommand.canEcho(snapshot(self, java.util.List.of(a), java.util.List.of())))
                .isFalse();
        assertThat(SendCommand.canEcho(snapshot(self, java.util.List.of(a), java.util.List.of(a))))
                .as("only the contact keeps send: it got the message from send and does not return it")
                .isFalse();
        assertThat(SendCommand.canEcho(snapshot(self, java.util.List.of(a), java.util.List.of(a, b))))
                .isTrue();
        assertThat(SendCommand.canEcho(snapshot(self, java.util.List.of(a), java.util.List.of(b))))
                .isTrue();
    }

    private static dev.gossip.NodeSnapshot snapshot(
            dev.gossip.NodeId id, java.util.List<dev.gossip.NodeId> partial, java.util.List<dev.gossip.NodeId> in) {
        return new dev.gossip.NodeSnapshot(
                id,
                dev.gossip.NodeSnapshot.State.RUNNING,
                partial,
                in,
                1,
                0,
                0,
                0,
                0,
                0,
                0,
                java.util.Map.of(),
                java.util.Map.of());
    }

    /**
     * CliProcessIT's flake in process: two nodes, sends of two messages right after the join, a
     * 1 s window as there. Before send waited for a keeper outside its partial view, the first
     * message went unacknowledged in 3 of 30 such sends; a regression fails this with probability
     * 1 - 0.9^15, about 0.8. Each send leaves, so the cluster is two nodes again each time.
     */
    @Test
    void theFirstMessageRightAfterTheJoinIsAcknowledged() {
        GossipConfig config =
                GossipConfig.local().toBuilder().transportProvider("udp").build();
        try (GossipNode a = Gossip.builder(config).build();
                GossipNode b = Gossip.builder(config).build();
                ApplicationContext context = ApplicationContext.run(Environment.CLI, Environment.TEST)) {
            a.start();
            b.start();
            b.join(java.util.List.of(a.id().address()), Duration.ofSeconds(10));
            for (int i = 0; i < 15; i++) {
                CliRun run = CliRun.execute(
                        context,
                        "send",
                        "--preset",
                        "local",
                        "--seed",
                        a.id().toString(),
                        "--ack-timeout",
                        "1s",
                        "first " + i,
                        "second " + i);
                assertThat(run.code())
                        .as("send %d: stdout %s stderr %s", i, run.out(), run.err())
                        .isZero();
            }
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(a.snapshot().inView()).containsExactly(b.id()));
        }
    }
}
