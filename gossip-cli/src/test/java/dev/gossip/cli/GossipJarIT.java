package dev.gossip.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.NodeSnapshot;
import dev.gossip.core.Gossip;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the shaded jar as users do, {@code java -jar gossip.jar ...}, after {@code package}: this
 * catches what in-process tests cannot, such as service files lost in shading or a missing main
 * class.
 */
class GossipJarIT {

    private static Path jar;

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("gossip.jar", "target/gossip.jar"));
        assertThat(jar).as("the shaded jar (run mvn package first)").isRegularFile();
    }

    private static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    @Test
    void demoRunsFromTheJar() throws Exception {
        Process process = start("demo", "--nodes", "5", "--messages", "3", "--seed", "3");
        Queue<String> out = ProcessLines.collect(process.getInputStream());
        Queue<String> err = ProcessLines.collect(process.getErrorStream());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("demo finished").isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> out.stream().anyMatch(l -> l.startsWith("datagrams per")));
        assertThat(process.exitValue())
                .as("exit code; stdout %s; stderr %s", out, err)
                .isZero();
        assertThat(out).contains("delivery: 12/12 (100.00%)");
    }

    @Test
    void aBadFlagExitsTwoWithOneLine() throws Exception {
        Process process = start("demo", "--nodes", "many");
        Queue<String> err = ProcessLines.collect(process.getErrorStream());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> !err.isEmpty());
        assertThat(err)
                .containsExactly(
                        "gossip demo: Invalid value for option '--nodes': 'many' is not an int (see 'gossip demo --help')");
    }

    @Test
    void aNodeBroadcastsStdinPrintsDeliveriesAndLeavesOnSigterm() throws Exception {
        GossipConfig config =
                GossipConfig.local().toBuilder().transportProvider("udp").build();
        try (GossipNode seed = Gossip.builder(config).build()) {
            Queue<String> atSeed = new ConcurrentLinkedQueue<>();
            seed.addMessageListener(d -> atSeed.add(d.origin() + " " + new String(d.payloadBytes(), UTF_8)));
            seed.start();

            Process process =
                    start("node", "--bind", "127.0.0.1:0", "--seed", seed.id().toString(), "--preset", "local");
            Queue<String> out = ProcessLines.collect(process.getInputStream());
            Queue<String> err = ProcessLines.collect(process.getErrorStream());
            try {
                await().alias("node joined; stderr " + err)
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> err.stream().anyMatch(l -> l.startsWith("gossip node: joined")));
                Writer stdin = new java.io.OutputStreamWriter(process.getOutputStream(), UTF_8);
                stdin.write("hello from stdin\n");
                stdin.flush();
                await().alias("seed got the line")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> atSeed.stream().anyMatch(l -> l.endsWith(" hello from stdin")));

                seed.broadcast("two\nlines".getBytes(UTF_8));
                await().alias("node printed the delivery; stdout " + out)
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> out.contains(seed.id() + " two\\nlines"));

                stdin.close();
                await().alias("stdin closed, still running")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> err.stream().anyMatch(l -> l.contains("stdin closed")));
                assertThat(process.isAlive()).isTrue();
                // SIGTERM through the handle: Process.destroy() would also close our end of its
                // stdout and stderr, and we still want to read the last lines.
                assertThat(process.toHandle().destroy()).isTrue();
                assertThat(process.waitFor(20, TimeUnit.SECONDS))
                        .as("stopped by SIGTERM")
                        .isTrue();
            } finally {
                process.destroyForcibly();
            }
            assertThat(process.exitValue()).isEqualTo(143);
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(err).anyMatch(l -> l.contains("left and closed")));
            await().alias("the node told the seed it left")
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> {
                        NodeSnapshot s = seed.snapshot();
                        assertThat(s.inView()).as("seed's in-view, %s", s).isEmpty();
                        assertThat(s.membershipCounters().get("unsubscriptions"))
                                .as("%s", s)
                                .isPositive();
                    });
        }
    }
}
