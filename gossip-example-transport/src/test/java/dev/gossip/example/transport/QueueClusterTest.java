package dev.gossip.example.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gossip.Address;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.ProviderException;
import dev.gossip.TransportConfig;
import dev.gossip.core.Gossip;
import dev.gossip.core.ProviderDiscovery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The plugin on the class path: found by ServiceLoader, and carrying a cluster. */
class QueueClusterTest {

    private final List<GossipNode> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(GossipNode::close);
    }

    @Test
    void serviceLoaderFindsTheProviderByName() {
        ClassLoader loader = getClass().getClassLoader();
        GossipConfig chosen =
                GossipConfig.lan().toBuilder().transportProvider("queue").build();

        assertThat(ProviderDiscovery.transport(chosen, loader)).isInstanceOf(QueueTransportProvider.class);
        // udp and inmem are on this class path too (for the module-path test): a choice is required.
        assertThatThrownBy(() -> ProviderDiscovery.transport(GossipConfig.lan(), loader))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("'queue' (" + QueueTransportProvider.class.getName() + ")");
    }

    @Test
    void threeNodesDeliverEveryBroadcastToTheOthers() {
        Map<String, Set<String>> received = new ConcurrentHashMap<>();
        for (String name : List.of("a", "b", "c")) {
            // tag::usage[]
            GossipConfig config = GossipConfig.local().toBuilder()
                    .transportProvider("queue")
                    .transport(TransportConfig.builder().bind("queue:" + name).build())
                    .build();
            GossipNode node = Gossip.builder(config).build(); // codec and membership: the only ones present
            node.addMessageListener(delivery -> received.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet())
                    .add(new String(delivery.payloadBytes(), StandardCharsets.UTF_8)));
            node.start();
            // end::usage[]
            nodes.add(node);
        }
        List<Address> seed = List.of(Address.parse("queue:a"));
        nodes.get(1).join(seed, Duration.ofSeconds(10));
        nodes.get(2).join(seed, Duration.ofSeconds(10));

        for (int i = 0; i < 3; i++) {
            nodes.get(i).broadcast(("from " + i).getBytes(StandardCharsets.UTF_8));
        }

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(received)
                        .isEqualTo(Map.of(
                                "a", Set.of("from 1", "from 2"),
                                "b", Set.of("from 0", "from 2"),
                                "c", Set.of("from 0", "from 1"))));
    }
}
