package dev.gossip.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Modules;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.NodeSnapshot;
import dev.gossip.ProviderException;
import dev.gossip.TransportConfig;
import dev.gossip.core.codec.BinaryCodecProvider;
import dev.gossip.scamp.ScampMembershipProvider;
import dev.gossip.spi.CodecProvider;
import dev.gossip.spi.MembershipProvider;
import dev.gossip.spi.Transport;
import dev.gossip.spi.TransportProvider;
import dev.gossip.testkit.StaticMembership;
import dev.gossip.transport.inmem.InMemoryNetwork;
import dev.gossip.transport.inmem.InMemoryTransportProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GossipModuleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final InMemoryNetwork network = InMemoryNetwork.create();
    private final List<GossipNode> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(GossipNode::close);
        network.close();
    }

    private static GossipConfig config(String name) {
        return GossipConfig.local().toBuilder()
                .transport(TransportConfig.builder().bind("mem:" + name).build())
                .build();
    }

    /** What an application module looks like: its own transport; the rest is discovered. */
    private Module application(String name) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), Transport.class)
                        .setBinding()
                        .toInstance(network.transport(config(name).transport()));
            }
        };
    }

    private GossipNode node(Injector injector) {
        GossipNode node = injector.getInstance(GossipNode.class);
        nodes.add(node);
        return node;
    }

    @Test
    void threeInjectorsWithAnApplicationTransportFormACluster() {
        Map<String, Set<String>> received = new ConcurrentHashMap<>();
        List<GossipNode> cluster = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            Injector injector = Guice.createInjector(new GossipModule(config(name)), application(name));
            GossipNode node = node(injector);
            assertThat(injector.getInstance(GossipNode.class)).as("singleton").isSameAs(node);
            assertThat(node.snapshot().state()).as("the module starts nothing").isEqualTo(NodeSnapshot.State.NEW);
            node.addMessageListener(d -> received.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet())
                    .add(new String(d.payloadBytes(), StandardCharsets.UTF_8)));
            node.start();
            assertThat(node.id().address().toString()).isEqualTo("mem:" + name);
            cluster.add(node);
        }
        cluster.get(1).join(List.of(cluster.get(0).id().address()), WAIT);
        cluster.get(2).join(List.of(cluster.get(0).id().address()), WAIT);

        cluster.get(1).broadcast("from b".getBytes(StandardCharsets.UTF_8));
        cluster.get(2).broadcast("from c".getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(received)
                        .isEqualTo(
                                Map.of("a", Set.of("from b", "from c"), "b", Set.of("from c"), "c", Set.of("from b"))));
    }

    @Test
    void defaultsAreDiscoveredLazilyAndOnlyForWhatIsNotBound() {
        Injector injector = Guice.createInjector(new GossipModule(config("x")));

        assertThat(injector.getInstance(CodecProvider.class)).isInstanceOf(BinaryCodecProvider.class);
        assertThat(injector.getInstance(MembershipProvider.class)).isInstanceOf(ScampMembershipProvider.class);
        assertThat(injector.getInstance(TransportProvider.class)).isInstanceOf(InMemoryTransportProvider.class);
        assertThat(injector.getInstance(TransportProvider.class))
                .as("singleton")
                .isSameAs(injector.getInstance(TransportProvider.class));

        // A chosen transport that does not exist only fails once the node is wanted, and not at all
        // when the application binds its own transport.
        GossipConfig missing =
                config("y").toBuilder().transportProvider("no-such-transport").build();
        Injector broken = Guice.createInjector(new GossipModule(missing));
        assertThatThrownBy(() -> broken.getInstance(GossipNode.class))
                .isInstanceOf(ProvisionException.class)
                .hasRootCauseInstanceOf(ProviderException.class)
                .hasMessageContaining("no-such-transport");
        Injector bound = Guice.createInjector(new GossipModule(missing), application("y"));
        assertThat(node(bound).snapshot().state()).isEqualTo(NodeSnapshot.State.NEW);
    }

    @Test
    void modulesOverrideReplacesAProviderToo() {
        // Here the membership is replaced too: the testkit's fixture instead of SCAMP.
        InMemoryTransportProvider mine = new InMemoryTransportProvider(network);
        Injector injector = Guice.createInjector(Modules.override(new GossipModule(config("z")))
                .with(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(TransportProvider.class).toInstance(mine);
                        bind(MembershipProvider.class).toInstance(StaticMembership.empty());
                    }
                }));

        assertThat(injector.getInstance(TransportProvider.class)).isSameAs(mine);
        GossipNode node = node(injector);
        node.start();
        assertThat(network.toString()).contains("1 bound");
    }
}
