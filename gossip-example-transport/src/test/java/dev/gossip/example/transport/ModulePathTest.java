package dev.gossip.example.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.GossipConfig;
import dev.gossip.core.Gossip;
import dev.gossip.example.modulepath.ModulePathDriver;
import dev.gossip.scamp.ScampMembershipProvider;
import dev.gossip.transport.inmem.InMemoryTransportProvider;
import dev.gossip.transport.udp.UdpTransportProvider;
import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin and every library module as named modules, where only {@code module-info}'s
 * {@code provides} and {@code uses} count (service files inside named modules are ignored).
 */
class ModulePathTest {

    private static Path location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** gossip-api, gossip-core, gossip-scamp, the two transports and this plugin: jars or target/classes. */
    private static List<Path> libraryModules() throws Exception {
        List<Path> modules = new ArrayList<>();
        for (Class<?> type : List.of(
                GossipConfig.class,
                Gossip.class,
                ScampMembershipProvider.class,
                UdpTransportProvider.class,
                InMemoryTransportProvider.class,
                QueueTransportProvider.class)) {
            modules.add(location(type));
        }
        return modules;
    }

    @Test
    void aModuleLayerFindsThePluginThroughItsModuleDescriptor() throws Exception {
        ModuleFinder finder = ModuleFinder.of(libraryModules().toArray(Path[]::new));
        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration =
                boot.configuration().resolveAndBind(finder, ModuleFinder.of(), Set.of("dev.gossip.core"));
        ModuleLayer layer = boot.defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
        ClassLoader loader = layer.findLoader("dev.gossip.core");

        assertThat(layer.findModule("dev.gossip.example.transport"))
                .as("bound as a provider")
                .isPresent();
        Class<?> configType = loader.loadClass("dev.gossip.GossipConfig");
        Object builder = configType.getMethod("builder").invoke(null);
        builder.getClass().getMethod("transportProvider", String.class).invoke(builder, "queue");
        Object config = builder.getClass().getMethod("build").invoke(builder);
        Object provider = loader.loadClass("dev.gossip.core.ProviderDiscovery")
                .getMethod("transport", configType, ClassLoader.class)
                .invoke(null, config, loader);

        assertThat(provider.getClass().getName()).isEqualTo(QueueTransportProvider.class.getName());
        assertThat(provider.getClass().getModule().getName()).isEqualTo("dev.gossip.example.transport");
    }

    @Test
    void theTestkitResolvesAsANamedModuleWithItsTestLibraries() {
        // Every jar of this test's class path, and the exploded modules among its directories.
        Path[] entries = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(p -> p.toString().endsWith(".jar") || Files.exists(p.resolve("module-info.class")))
                .toArray(Path[]::new);
        Configuration configuration = ModuleLayer.boot()
                .configuration()
                .resolve(ModuleFinder.of(entries), ModuleFinder.of(), Set.of("dev.gossip.testkit"));

        assertThat(configuration.findModule("dev.gossip.testkit")).isPresent();
        assertThat(configuration.findModule("dev.gossip.testkit").orElseThrow().reads())
                .extracting(m -> m.name())
                .contains("dev.gossip", "org.junit.jupiter.api", "org.assertj.core", "awaitility");
    }

    @Test
    void clustersRunWithEveryTransportOnTheModulePath() throws Exception {
        String modulePath =
                libraryModules().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        // Only the driver is on the class path.
        String classPath = location(ModulePathDriver.class).toString();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "--module-path",
                modulePath,
                "--add-modules",
                "ALL-MODULE-PATH",
                "-cp",
                classPath,
                ModulePathDriver.class.getName(),
                "queue",
                "inmem",
                "udp");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(exited).as("driver finished; output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("exit status; output:%n%s", output).isZero();
        assertThat(output)
                .contains(
                        "queue transport from module dev.gossip.example.transport, codec from module dev.gossip.core",
                        "queue membership from module dev.gossip.scamp",
                        "inmem transport from module dev.gossip.transport.inmem",
                        "udp transport from module dev.gossip.transport.udp",
                        "queue cluster of dev.gossip.core nodes: every broadcast delivered",
                        "inmem cluster of dev.gossip.core nodes: every broadcast delivered",
                        "udp cluster of dev.gossip.core nodes: every broadcast delivered");
    }
}
