package dev.gossip.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.OpaqueAddress;
import dev.gossip.TransportConfig;
import dev.gossip.spi.Transport;
import dev.gossip.spi.TransportProvider;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** ServiceLoader finds the provider by name on the class path (META-INF/services) and the module path. */
class UdpTransportProviderTest {

    @Test
    void foundOnTheClassPathByName() {
        List<TransportProvider> found = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("udp"))
                .collect(Collectors.toList());

        assertThat(found).singleElement().isInstanceOf(UdpTransportProvider.class);
        try (Transport transport = found.get(0)
                .create(TransportConfig.builder().bind("127.0.0.1:0").build())) {
            assertThat(transport).isInstanceOf(UdpTransport.class);
        }
    }

    @Test
    void createRefusesAnAddressKindItCannotBind() {
        TransportConfig config =
                TransportConfig.builder().bind(OpaqueAddress.of("mem", "x")).build();
        assertThatThrownBy(() -> new UdpTransportProvider().create(config))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void foundOnTheModulePathThroughItsProvidesClause() throws Exception {
        Path api = location(TransportProvider.class);
        Path udp = location(UdpTransportProvider.class);
        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration = boot.configuration()
                .resolveAndBind(ModuleFinder.of(api, udp), ModuleFinder.of(), Set.of("dev.gossip.transport.udp"));
        ModuleLayer layer = boot.defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
        Class<?> service = layer.findLoader("dev.gossip").loadClass(TransportProvider.class.getName());

        List<String> names = ServiceLoader.load(layer, service).stream()
                .map(ServiceLoader.Provider::get)
                .map(UdpTransportProviderTest::nameOf)
                .collect(Collectors.toList());

        assertThat(names).containsExactly("udp");
    }

    private static Path location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String nameOf(Object provider) {
        try {
            return (String) provider.getClass().getMethod("name").invoke(provider);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
