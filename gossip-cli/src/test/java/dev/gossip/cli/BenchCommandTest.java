package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gossip bench} explains in one line when it cannot run; the real jar runs in GossipJarIT. */
class BenchCommandTest {

    private static GossipCliTest.Run run(String... args) {
        try (ApplicationContext context = ApplicationContext.run(Environment.CLI, Environment.TEST)) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = GossipCli.execute(context, new PrintWriter(out), new PrintWriter(err), args);
            return new GossipCliTest.Run(code, out.toString(), err.toString());
        }
    }

    @Test
    void aMissingJarIsOneLineAndExitCode1(@TempDir Path dir) {
        GossipCliTest.Run run = run("bench", "--jar", dir.resolve("nothing.jar").toString(), "-f", "1");
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
        GossipCliTest.Run run = run("bench", "--jar", jar.toString(), "race", "--rounds", "1");
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
        GossipCliTest.Run run = run("bench", "--jar", jar.toString(), "udp", "--rounds", "1");
        assertThat(run.code()).isEqualTo(GossipCli.EXIT_FAILURE);
        assertThat(run.err()).isEqualTo("gossip bench udp: dev.gossip.bench.UdpRatioMain is not in " + jar
                + " (the UDP ratio benchmark is not built into this gossip-bench)" + System.lineSeparator());
    }
}
