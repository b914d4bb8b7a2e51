package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.Address;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.TransportConfig;
import dev.gossip.core.Gossip;
import dev.gossip.core.ProviderDiscovery;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A plugin compiled against the last release's {@code gossip-api} keeps working with this build:
 * the released {@code gossip-example-transport} jar, kept in {@code api-baseline/}, is loaded by
 * a class loader of its own over this build's api and core, and carries a 3-node cluster.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class BaselinePluginTest {

    private static final Path BASELINE =
            Path.of("..", "api-baseline").toAbsolutePath().normalize();

    @Test
    void theReleasedExampleTransportCarriesAClusterOfThisBuildsNodes() throws IOException {
        String version = System.getProperty("gossip.api.baseline", "");
        assumeThat(version).as("a release exists (gossip.api.baseline is set)").isNotEmpty();
        Path jar = BASELINE.resolve(
                "dev/gossip/gossip-example-transport/" + version + "/gossip-example-transport-" + version + ".jar");
        assertThat(jar).exists();
        URL jarUrl = jar.toUri().toURL();

        List<GossipNode> nodes = new ArrayList<>();
        Map<String, Set<String>> received = new ConcurrentHashMap<>();
        try (URLClassLoader plugin =
                new URLClassLoader(new URL[] {jarUrl}, getClass().getClassLoader())) {
            for (String name : List.of("a", "b", "c")) {
                GossipConfig config = GossipConfig.local().toBuilder()
                        .transportProvider("queue")
                        .transport(
                                TransportConfig.builder().bind("queue:" + name).build())
                        .build();
                if (nodes.isEmpty()) {
                    assertThat(ProviderDiscovery.transport(config, plugin)
                                    .getClass()
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation())
                            .as("the queue provider comes from the released jar")
                            .isEqualTo(jarUrl);
                }
                GossipNode node = Gossip.builder(config).classLoader(plugin).build();
                node.addMessageListener(d -> received.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet())
                        .add(new String(d.payloadBytes(), StandardCharsets.UTF_8)));
                node.start();
                nodes.add(node);
            }
            List<Address> seed = List.of(Address.parse("queue:a"));
            nodes.get(1).join(seed, Duration.ofSeconds(10));
            nodes.get(2).join(seed, Duration.ofSeconds(10));
            for (int i = 0; i < 3; i++) {
                nodes.get(i).broadcast(("from " + i).getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(received)
                            .isEqualTo(Map.of(
                                    "a", Set.of("from 1", "from 2"),
                                    "b", Set.of("from 0", "from 2"),
                                    "c", Set.of("from 0", "from 1"))));
        } finally {
            nodes.forEach(GossipNode::close);
        }
    }
}
