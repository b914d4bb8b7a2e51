package dev.gossip.transport.inmem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.TransportConfig;
import dev.gossip.spi.Transport;
import dev.gossip.spi.TransportProvider;
import dev.gossip.testkit.RecordingReceiver;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Discovery by name, and which network a discovered provider puts transports on. */
class InMemoryTransportProviderTest {

    private static final String NETWORK = "provider-test";

    @AfterEach
    void closeNamedNetworks() {
        InMemoryNetwork.named(NETWORK).close();
        InMemoryNetwork.shared().close();
    }

    @Test
    void foundOnTheClassPathByName() {
        List<TransportProvider> found = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("inmem"))
                .collect(Collectors.toList());

        assertThat(found).singleElement().isInstanceOf(InMemoryTransportProvider.class);
    }

    @Test
    void usesTheSharedNetworkUnlessAPropertyNamesOne() {
        TransportProvider provider = new InMemoryTransportProvider();

        Transport onShared = provider.create(TransportConfig.builder().build());
        Transport onNamed = provider.create(TransportConfig.builder()
                .properties(Map.of(InMemoryNetwork.NETWORK_PROPERTY, NETWORK))
                .build());

        assertThat(((InMemoryTransport) onShared).network()).isSameAs(InMemoryNetwork.shared());
        assertThat(((InMemoryTransport) onNamed).network()).isSameAs(InMemoryNetwork.named(NETWORK));
        assertThat(InMemoryNetwork.named(NETWORK)).isNotSameAs(InMemoryNetwork.shared());
    }

    @Test
    void transportsFromOneNamedNetworkReachEachOther() {
        TransportConfig config = TransportConfig.builder()
                .properties(Map.of(InMemoryNetwork.NETWORK_PROPERTY, NETWORK))
                .build();
        TransportProvider provider = new InMemoryTransportProvider();
        RecordingReceiver atB = new RecordingReceiver();
        Transport a = provider.create(config);
        Transport b = provider.create(config);
        a.start(new RecordingReceiver());
        b.start(atB);

        assertThat(a.send(b.localAddress(), ByteBuffer.wrap(new byte[] {42}))).isTrue();

        Awaitility.await().until(() -> atB.count() == 1);
    }

    @Test
    void aClosedNamedNetworkIsReplacedByAFreshOne() {
        InMemoryNetwork first = InMemoryNetwork.named(NETWORK);
        first.close();

        InMemoryNetwork second = InMemoryNetwork.named(NETWORK);

        assertThat(second).isNotSameAs(first);
        assertThat(second.isClosed()).isFalse();
    }

    @Test
    void aProviderBuiltWithANetworkAlwaysUsesIt() {
        try (InMemoryNetwork network = InMemoryNetwork.create()) {
            Transport transport = new InMemoryTransportProvider(network)
                    .create(TransportConfig.builder()
                            .properties(Map.of(InMemoryNetwork.NETWORK_PROPERTY, NETWORK))
                            .build());

            assertThat(((InMemoryTransport) transport).network()).isSameAs(network);
        }
    }

    @Test
    void foundOnTheModulePathThroughItsProvidesClause() throws Exception {
        Path api = location(TransportProvider.class);
        Path inmem = location(InMemoryTransportProvider.class);
        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration = boot.configuration()
                .resolveAndBind(ModuleFinder.of(api, inmem), ModuleFinder.of(), Set.of("dev.gossip.transport.inmem"));
        ModuleLayer layer = boot.defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
        Class<?> service = layer.findLoader("dev.gossip").loadClass(TransportProvider.class.getName());

        List<String> names = ServiceLoader.load(layer, service).stream()
                .map(ServiceLoader.Provider::get)
                .map(p -> {
                    try {
                        return (String) p.getClass().getMethod("name").invoke(p);
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(e);
                    }
                })
                .collect(Collectors.toList());

        assertThat(names).containsExactly("inmem");
    }

    private static Path location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
