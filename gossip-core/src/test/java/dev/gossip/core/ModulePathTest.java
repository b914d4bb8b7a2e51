package dev.gossip.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.GossipConfig;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The unit tests run on the class path; this one resolves gossip-api and gossip-core as named
 * modules in a fresh layer, where only {@code module-info}'s {@code uses} and {@code provides} count
 * (service files inside named modules are ignored).
 */
class ModulePathTest {

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void theBinaryCodecIsFoundThroughTheModuleDescriptor() throws Exception {
        ModuleFinder finder = ModuleFinder.of(location(GossipConfig.class), location(ProviderDiscovery.class));
        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration =
                boot.configuration().resolveAndBind(finder, ModuleFinder.of(), Set.of("dev.gossip.core"));
        ModuleLayer layer = boot.defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
        ClassLoader loader = layer.findLoader("dev.gossip.core");

        Class<?> configType = loader.loadClass("dev.gossip.GossipConfig");
        assertThat(configType.getModule().getName()).isEqualTo("dev.gossip");
        Object config = configType.getMethod("lan").invoke(null);
        Class<?> discovery = loader.loadClass("dev.gossip.core.ProviderDiscovery");
        assertThat(discovery.getModule().getName()).isEqualTo("dev.gossip.core");
        Object provider =
                discovery.getMethod("codec", configType, ClassLoader.class).invoke(null, config, loader);

        assertThat(provider.getClass().getName()).isEqualTo("dev.gossip.core.codec.BinaryCodecProvider");
        assertThat(provider.getClass().getModule().getName()).isEqualTo("dev.gossip.core");
    }
}
