package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gossip bench} explains in one line when it cannot run; the real jar runs in GossipJarIT. */
class BenchCommandTest {

    private static CliRun run(String... args) {
        try (ApplicationContext context = ApplicationContext.run(Environment.CLI, Environment.TEST)) {
            return CliRun.execute(context, args);
        }
    }

    @Test
    void aMissingJarIsOneLineAndExitCode1(@TempDir Path dir) {
        CliRun run = run("bench", "--jar", dir.resolve("nothing.jar").toString(), "-f", "1");
        assertThat(run.code()).isEqualTo(GossipCli.EXIT_FAILURE);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("gossip bench: benchmarks.jar not found (tried [").contains("nothing.jar");
    }

    @Test
    void aJarWithoutTheRaceSaysSo(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("benchmarks.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new ZipEntry("dev/gossip/bench/HotPathBenchmark.class"));
            out.closeEntry();
        }
        CliRun run = run("bench", "--jar", jar.toString(), "race", "--rounds", "1");
        assertThat(run.code()).isEqualTo(GossipCli.EXIT_FAILURE);
        assertThat(run.err()).isEqualTo("gossip bench race: dev.gossip.bench.RaceMain is not in " + jar
                + " (the race benchmark is not built into this gossip-bench)" + System.lineSeparator());
    }

    @Test
    void aJarWithoutTheUdpRatioSaysSo(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("benchmarks.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new ZipEntry("dev/gossip/bench/RaceMain.class"));
            out.closeEntry();
        }
        CliRun run = run("bench", "--jar", jar.toString(), "udp", "--rounds", "1");
        assertThat(run.code()).isEqualTo(GossipCli.EXIT_FAILURE);
        assertThat(run.err()).isEqualTo("gossip bench udp: dev.gossip.bench.UdpRatioMain is not in " + jar
                + " (the UDP ratio benchmark is not built into this gossip-bench)" + System.lineSeparator());
    }
}
