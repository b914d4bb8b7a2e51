package dev.gossip.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.Address;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.core.Gossip;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** Compiles and runs the README's usage example, {@link #example(String)}, against a real seed. */
class ReadmeExampleTest {

    /**
     * The README's example, quoted verbatim: a node that starts, joins a cluster through a seed,
     * prints what it receives, broadcasts one message and leaves.
     *
     * @param seed the address of a node already running, such as {@code 127.0.0.1:7946}
     */
    static void example(String seed) {
        GossipConfig config = GossipConfig.local().toBuilder() // 127.0.0.1, a free port
                .transportProvider("udp")
                .build();
        try (GossipNode node = Gossip.builder(config).build()) {
            node.addMessageListener(delivery ->
                    System.out.println(delivery.origin() + ": " + new String(delivery.payloadBytes(), UTF_8)));
            node.start();
            node.join(List.of(Address.parse(seed)), Duration.ofSeconds(5));
            node.broadcast("hello, gossip".getBytes(UTF_8));
            node.leave();
        }
    }

    @Test
    void theReadmeExampleJoinsBroadcastsAndLeaves() {
        GossipConfig config =
                GossipConfig.local().toBuilder().transportProvider("udp").build();
        try (GossipNode seed = Gossip.builder(config).build()) {
            Queue<String> received = new ConcurrentLinkedQueue<>();
            seed.addMessageListener(d -> received.add(new String(d.payloadBytes(), UTF_8)));
            seed.start();

            example(seed.id().toString());

            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("hello, gossip"));
            // The example node left: the seed no longer counts it among the nodes gossiping to it.
            // (That no view keeps a leaver at all is LeaveTest's subject.)
            await().alias("the example node left the seed's in-view")
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(seed.snapshot().inView()).isEmpty());
            assertThat(received).containsExactly("hello, gossip");
        }
    }
}
