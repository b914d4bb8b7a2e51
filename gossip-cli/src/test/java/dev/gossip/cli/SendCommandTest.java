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
 * {@code gossip send} in-process against a real node. The two-node case, where copies do come
 * back, runs with real processes in {@code CliProcessIT}.
 */
class SendCommandTest {

    @Test
    void withASingleNodeNoCopyComesBackSoSendSaysUnacknowledged() {
        GossipConfig config = GossipConfig.local().toBuilder().transportProvider("udp").build();
        try (GossipNode seed = Gossip.builder(config).build();
                ApplicationContext context = ApplicationContext.run(Environment.CLI, Environment.TEST)) {
            Queue<String> delivered = new ConcurrentLinkedQueue<>();
            seed.addMessageListener(d -> delivered.add(new String(d.payloadBytes(), UTF_8)));
            seed.start();
            CliRun run = CliRun.execute(context,
                    "send", "--preset", "local", "--seed", seed.id().toString(), "--ack-timeout", "300ms", "lonely");
            assertThat(run.code()).as("stdout %s stderr %s", run.out(), run.err())
                    .isEqualTo(SendCommand.EXIT_UNACKNOWLEDGED);
            assertThat(run.out()).matches("[0-9a-f]{32} unacknowledged\\R");
            assertThat(run.err()).contains("gossip send: 1 of 1 messages not acknowledged within PT0.3S");
            await().atMost(Duration.ofSeconds(5)).until(() -> delivered.contains("lonely"));
        }
    }
}
