package dev.gossip.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.GossipConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * gossip-micrometer as a named module: its descriptor resolves against gossip-api and
 * micrometer-core (an automatic module) with micrometer's own dependencies, and a layer built from
 * them loads GossipMetrics from the named module.
 */
class ModulePathTest {

    private static Path location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void theBindingResolvesAndLoadsAsANamedModule() throws Exception {
        ModuleFinder finder = ModuleFinder.of(
                location(GossipConfig.class),
                location(GossipMetrics.class),
                location(MeterRegistry.class),
                location(io.micrometer.common.util.StringUtils.class),
                location(io.micrometer.observation.Observation.class));
        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration =
                boot.configuration().resolve(finder, ModuleFinder.of(), Set.of("dev.gossip.micrometer"));
        ModuleLayer layer = boot.defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());

        assertThat(configuration
                        .findModule("dev.gossip.micrometer")
                        .orElseThrow()
                        .reads())
                .extracting(ResolvedModule::name)
                .contains("dev.gossip", "micrometer.core");
        Class<?> metrics = layer.findLoader("dev.gossip.micrometer").loadClass(GossipMetrics.class.getName());
        assertThat(metrics.getModule().getName()).isEqualTo("dev.gossip.micrometer");
        assertThat(metrics.getInterfaces())
                .extracting(Class::getName)
                .containsExactly("io.micrometer.core.instrument.binder.MeterBinder");
    }
}
