package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.ParseResult;

/**
 * {@code gossip bench} explains in one line when it cannot run, and the race and throughput
 * commands check their flags before they start a JVM; the real jar runs in CliProcessIT.
 */
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
        assertThat(run.err())
                .startsWith("gossip bench: benchmarks.jar not found (tried [")
                .contains("nothing.jar");
    }

    @Test
    void aJarWithoutTheRaceSaysSo(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("benchmarks.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new ZipEntry("dev/gossip/bench/HotPathBenchmark.class"));
            out.closeEntry();
        }
        CliRun run = run("bench", "--jar", jar.toString(), "race", "--runs", "1");
        assertThat(run.code()).isEqualTo(GossipCli.EXIT_FAILURE);
        assertThat(run.err())
                .isEqualTo("gossip bench race: dev.gossip.bench.RaceMain is not in " + jar
                        + " (the race benchmark is not built into this gossip-bench)" + System.lineSeparator());
    }

    @Test
    void aJarWithoutTheUdpRatioSaysSo(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("benchmarks.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new ZipEntry("dev/gossip/bench/RaceMain.class"));
            out.closeEntry();
        }
        CliRun run = run("bench", "--jar", jar.toString(), "udp", "--rounds", "1");
        assertThat(run.code()).isEqualTo(GossipCli.EXIT_FAILURE);
        assertThat(run.err())
                .isEqualTo("gossip bench udp: dev.gossip.bench.UdpRatioMain is not in " + jar
                        + " (the UDP ratio benchmark is not built into this gossip-bench)" + System.lineSeparator());
    }

    @Test
    void aJarWithoutTheThroughputRaceSaysSo(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("benchmarks.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new ZipEntry("dev/gossip/bench/RaceMain.class"));
            out.closeEntry();
        }
        CliRun run = run("bench", "--jar", jar.toString(), "throughput", "--nodes", "5");
        assertThat(run.code()).isEqualTo(GossipCli.EXIT_FAILURE);
        assertThat(run.err())
                .isEqualTo("gossip bench throughput: dev.gossip.bench.ThroughputMain is not in " + jar
                        + " (the throughput race is not built into this gossip-bench)" + System.lineSeparator());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--format xml|--format must be table or csv, was 'xml'",
                "--nodes 3|--nodes: each size must be at least 2 and at least --senders (5), was [3]",
                "--nodes 20,many|--nodes",
                "--systems flood,etcd|--systems must be among flood, tree, jgroups, was flood,etcd",
                "--rates 100,0|--rates must be positive",
                "--step fast|--step",
                "--step 0|--step",
                "--drain -1s|--drain",
                "--payload 8|--payload must be 24..1024 bytes, was 8",
                "--jgroups-port 70000|--jgroups-port must be 0..65535",
                "--bogus 1|--bogus"
            })
    void aBadThroughputFlagIsOneLineAndExitCode2(String args, String named) {
        List<String> argv = new ArrayList<>(List.of("bench", "throughput"));
        argv.addAll(List.of(args.split(" ")));
        CliRun run = run(argv.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(run.err().lines())
                .hasSize(1)
                .allSatisfy(line -> assertThat(line)
                        .startsWith("gossip bench throughput: ")
                        .contains(named)
                        .endsWith("(see 'gossip bench throughput --help')")
                        .doesNotContain("Exception"));
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theThroughputFlagsReachTheMainSpelledOut() {
        assertThat(throughput().mainArgs())
                .containsExactly(
                        "--nodes",
                        "20,50",
                        "--systems",
                        "flood,tree,jgroups",
                        "--rates",
                        "250,350,500,700,1000,1400,2000,2800,4000,5600,8000,11000,16000,22000,32000,45000,64000,90000,128000",
                        "--step",
                        "4000ms",
                        "--drain",
                        "500ms",
                        "--settle",
                        "200ms",
                        "--warmup",
                        "2000ms",
                        "--senders",
                        "5",
                        "--payload",
                        "256",
                        "--format",
                        "table",
                        "--seed",
                        "42",
                        "--jgroups-port",
                        "0",
                        "--linger",
                        "0ms",
                        "--datagram-bytes",
                        "0",
                        "--graft-timeout",
                        "0ms");
        assertThat(throughput(
                                "--nodes",
                                "5",
                                "--systems",
                                "tree",
                                "--rates",
                                "200",
                                "--step",
                                "1s",
                                "--drain",
                                "0",
                                "--warmup",
                                "0",
                                "--format",
                                "csv",
                                "--senders",
                                "2",
                                "--linger",
                                "2ms",
                                "--datagram-bytes",
                                "65507",
                                "--graft-timeout",
                                "200ms")
                        .mainArgs())
                .containsExactly(
                        "--nodes",
                        "5",
                        "--systems",
                        "tree",
                        "--rates",
                        "200",
                        "--step",
                        "1000ms",
                        "--drain",
                        "0ms",
                        "--settle",
                        "200ms",
                        "--warmup",
                        "0ms",
                        "--senders",
                        "2",
                        "--payload",
                        "256",
                        "--format",
                        "csv",
                        "--seed",
                        "42",
                        "--jgroups-port",
                        "0",
                        "--linger",
                        "2ms",
                        "--datagram-bytes",
                        "65507",
                        "--graft-timeout",
                        "200ms");
    }

    @Test
    void theRaceFlagsReachTheMainSpelledOut() {
        try (ApplicationContext context = ApplicationContext.run(Environment.CLI, Environment.TEST)) {
            ParseResult parsed = GossipCli.commandLine(context).parseArgs("bench", "race");
            BenchRaceCommand race =
                    parsed.subcommand().subcommand().commandSpec().commandLine().getCommand();
            assertThat(race.mainArgs())
                    .containsExactly(
                            "--nodes",
                            "10,50",
                            "--runs",
                            "10",
                            "--systems",
                            "gossip-flood,gossip-tree,jgroups,scalecube-default",
                            "--seed",
                            "42",
                            "--jgroups-port",
                            "0");
        }
        CliRun run = run("bench", "race", "--systems", "gossip,etcd");
        assertThat(run.code()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(run.err()).startsWith("gossip bench race: --systems must be among gossip-flood");
        CliRun old = run("bench", "race", "--rounds", "1");
        assertThat(old.code()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(old.err()).startsWith("gossip bench race: Unknown options: '--rounds', '1'");
    }

    private static BenchThroughputCommand throughput(String... args) {
        try (ApplicationContext context = ApplicationContext.run(Environment.CLI, Environment.TEST)) {
            List<String> argv = new ArrayList<>(List.of("bench", "throughput"));
            argv.addAll(List.of(args));
            ParseResult parsed = GossipCli.commandLine(context).parseArgs(argv.toArray(String[]::new));
            return parsed.subcommand().subcommand().commandSpec().commandLine().getCommand();
        }
    }
}
