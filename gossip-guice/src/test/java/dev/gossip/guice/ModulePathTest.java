package dev.gossip.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.base.Preconditions;
import com.google.common.util.concurrent.internal.InternalFutureFailureAccess;
import com.google.inject.Injector;
import dev.gossip.GossipConfig;
import dev.gossip.core.Gossip;
import dev.gossip.guice.modulepath.GuiceDriver;
import dev.gossip.scamp.ScampMembershipProvider;
import dev.gossip.transport.inmem.InMemoryTransportProvider;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

/**
 * gossip-guice as a named module: Guice must reach the module's {@code @Provides} method through
 * the descriptor's {@code opens}, and ServiceLoader find the codec and transport by {@code provides}.
 */
class ModulePathTest {

    private static String path(Class<?>... types) throws Exception {
        StringBuilder path = new StringBuilder();
        for (Class<?> type : types) {
            path.append(path.length() == 0 ? "" : File.pathSeparator)
                    .append(Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI()));
        }
        return path.toString();
    }

    @Test
    void anInjectorBuildsAndRunsTheNodeOnTheModulePath() throws Exception {
        String modulePath = path(
                GossipConfig.class,
                Gossip.class,
                GossipModule.class,
                InMemoryTransportProvider.class,
                ScampMembershipProvider.class,
                Injector.class,
                Preconditions.class,
                InternalFutureFailureAccess.class,
                jakarta.inject.Inject.class,
                MethodInterceptor.class);
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "--module-path",
                modulePath,
                "--add-modules",
                "ALL-MODULE-PATH",
                "-cp",
                path(GuiceDriver.class),
                GuiceDriver.class.getName());
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
                        "GossipModule from module dev.gossip.guice",
                        "membership from module dev.gossip.scamp",
                        "node mem:guice RUNNING in module dev.gossip.core");
    }
}
