package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shaded jar as operators run it: real processes, real sockets on 127.0.0.1. */
class CliProcessIT {

    static Path jar;

    /** A started process and its output, line by line. */
    record Proc(Process process, Queue<String> out, Queue<String> err) {

        int await() throws InterruptedException {
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("finished; stdout %s stderr %s", out, err)
                    .isTrue();
            return process.exitValue();
        }

        /** @return stdout and stderr once both are read to the end */
        String text() {
            return "stdout " + out + " stderr " + err;
        }
    }

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("gossip.jar", "target/gossip.jar")).toAbsolutePath();
        assertThat(jar).as("the shaded jar (run mvn package first)").isRegularFile();
    }

    static Proc start(Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(InheritedSignals.resetPrefix());
        command.addAll(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("GOSSIP_") || k.startsWith("MICRONAUT_"));
        builder.environment().putAll(env);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Process process = builder.start();
        return new Proc(
                process,
                ProcessLines.collect(process.getInputStream()),
                ProcessLines.collect(process.getErrorStream()));
    }

    static Proc start(String... args) throws IOException {
        return start(null, Map.of(), args);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--help",
                "node --help",
                "send --help",
                "demo --help",
                "bench --help",
                "bench race --help",
                "bench throughput --help",
                "bench udp --help",
                "simulate --help"
            })
    void helpOfEveryCommandExitsZero(String args) throws Exception {
        if (args.startsWith("simulate")) {
            Proc top = start("--help");
            top.await();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> top.out().stream().anyMatch(l -> l.contains("Exit codes")));
            Assumptions.assumeTrue(
                    top.out().stream().anyMatch(l -> l.strip().startsWith("simulate")),
                    "gossip simulate is not registered in this build");
        }
        Proc p = start(args.split(" "));
        assertThat(p.await()).as(p.text()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> p.out().stream().anyMatch(l -> l.startsWith("Exit codes")));
        assertThat(p.out()).anyMatch(l -> l.startsWith("Usage: gossip")).anyMatch(l -> l.startsWith("Examples:"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "node --bogus",
                "send --seed 127.0.0.1:7946 --bogus x",
                "demo --bogus",
                "node --c many",
                "send --seed nohost x",
                "bench --jar",
                "bench throughput --format xml"
            })
    void aWrongFlagExitsTwoWithOneLineNamingIt(String args) throws Exception {
        Proc p = start(args.split(" "));
        assertThat(p.await()).as(p.text()).isEqualTo(GossipCli.EXIT_USAGE);
        await().atMost(Duration.ofSeconds(5)).until(() -> !p.err().isEmpty());
        String flag = args.contains("--bogus")
                ? "--bogus"
                : args.contains("--c")
                        ? "--c"
                        : args.contains("--jar") ? "--jar" : args.contains("--format") ? "--format" : "--seed";
        assertThat(p.err())
                .as(p.text())
                .hasSize(1)
                .allMatch(l -> l.startsWith("gossip ")
                        && l.contains(flag)
                        && l.contains("--help")
                        && !l.contains("Exception"));
    }

    @Test
    void twoNodesPrintWhatSendBroadcasts() throws Exception {
        Proc a = start("node", "--preset", "local");
        Proc b = null;
        try {
            String seed = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> a.err().stream()
                                    .filter(l -> l.startsWith("gossip node: listening as "))
                                    .findFirst()
                                    .map(l -> l.substring("gossip node: listening as ".length()))
                                    .orElse(null),
                            s -> s != null);
            b = start("node", "--preset", "local", "--seed", seed);
            Proc nodeB = b;
            await().alias("B joined; " + nodeB.text())
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> nodeB.err().stream().anyMatch(l -> l.startsWith("gossip node: joined")));

            Proc send = start("send", "--preset", "local", "--seed", seed, "hello from send", "and again");
            assertThat(send.await()).as(send.text()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> send.out().size() == 2);
            assertThat(send.out()).allMatch(l -> l.endsWith(" acknowledged"));

            for (Proc node : List.of(a, nodeB)) {
                await().alias("printed by the node; " + node.text())
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> node.out().stream().anyMatch(l -> l.endsWith(" hello from send"))
                                && node.out().stream().anyMatch(l -> l.endsWith(" and again")));
            }
            // The status on SIGUSR2, where the platform has it.
            if (!System.getProperty("os.name").startsWith("Windows")) {
                new ProcessBuilder("kill", "-USR2", Long.toString(a.process().pid()))
                        .start()
                        .waitFor();
                await().alias("status; " + a.text())
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> a.err().stream().anyMatch(l -> l.startsWith("status: partial view (")));
            }
        } finally {
            a.process().destroy();
            if (b != null) {
                b.process().destroy();
            }
        }
    }

    @Test
    void aSendWhoseSeedIsSilentExitsOne() throws Exception {
        try (java.nio.channels.DatagramChannel silent = java.nio.channels.DatagramChannel.open()) {
            silent.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            String seed = "127.0.0.1:" + silent.socket().getLocalPort();
            Proc p = start("send", "--seed", seed, "--join-timeout", "300ms", "x");
            assertThat(p.await()).as(p.text()).isEqualTo(GossipCli.EXIT_FAILURE);
            await().atMost(Duration.ofSeconds(5)).until(() -> !p.err().isEmpty());
            assertThat(p.err()).hasSize(1).allMatch(l -> l.startsWith("gossip send: join failed") && l.contains(seed));
        }
    }

    @Test
    void optionsComeFromEnvironmentVariablesAndApplicationYml(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("application.yml"), "gossip:\n  c: 5\n  dedup-capacity: 100\n  preset: local\n");
        Proc p = start(
                dir,
                Map.of("GOSSIP_C", "3", "GOSSIP_MAX_PAYLOAD_BYTES", "512"),
                "node",
                "--show-config",
                "--max-payload-bytes",
                "600");
        assertThat(p.await()).as(p.text()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> !p.out().isEmpty());
        assertThat(p.out().peek())
                .contains(
                        "c=3", "dedupCapacity=100", "maxPayloadBytes=600", "bind=127.0.0.1:0", "tickInterval=PT0.02S");
    }

    @Test
    void verboseRoutesTheLibrariesSystemLoggerToStderr() throws Exception {
        Proc quiet = start("demo", "--nodes", "2", "--messages", "1", "--transport", "inmem");
        Proc verbose = start("demo", "-v", "--nodes", "2", "--messages", "1", "--transport", "inmem");
        assertThat(quiet.await()).as(quiet.text()).isZero();
        assertThat(verbose.await()).as(verbose.text()).isZero();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> verbose.err().stream()
                        .anyMatch(l -> l.contains("DEBUG") && l.contains("gossip node started at")));
        assertThat(quiet.err()).noneMatch(l -> l.contains("DEBUG"));
    }

    @Test
    void benchRunsTheJmhJar() throws Exception {
        Path bench = Path.of(System.getProperty("gossip.bench.jar", "../gossip-bench/target/benchmarks.jar"));
        Assumptions.assumeTrue(Files.isRegularFile(bench), "gossip-bench is not built: " + bench);
        Proc p = start("bench", "--jar", bench.toString(), "-l");
        assertThat(p.await()).as(p.text()).isZero();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> p.out().stream().anyMatch(l -> l.contains("HotPathBenchmark")));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void benchThroughputRunsTheRaceFromTheJarAndPrintsCsv() throws Exception {
        Path bench = Path.of(System.getProperty("gossip.bench.jar", "../gossip-bench/target/benchmarks.jar"));
        Assumptions.assumeTrue(Files.isRegularFile(bench), "gossip-bench is not built: " + bench);
        Proc p = start(
                "bench",
                "--jar",
                bench.toString(),
                "throughput",
                "--nodes",
                "5",
                "--rates",
                "100",
                "--step",
                "1s",
                "--warmup",
                "0",
                "--format",
                "csv");
        assertThat(p.process().waitFor(150, TimeUnit.SECONDS))
                .as("finished; %s", p.text())
                .isTrue();
        assertThat(p.process().exitValue()).as(p.text()).isZero();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> p.out().stream()
                                .filter(l -> l.startsWith("max sustained: "))
                                .count()
                        == 3);
        List<String> out = List.copyOf(p.out());
        assertThat(out).as(p.text()).hasSize(7);
        assertThat(out.get(0))
                .isEqualTo(
                        "system,nodes,offered_per_s,delivered_ratio,p50_ms,p99_ms,datagrams_per_delivery,cpu_us_per_delivery");
        assertThat(out.subList(1, 4))
                .extracting(l -> l.split(",")[0] + "," + l.split(",")[1] + "," + l.split(",")[2])
                .containsExactly("flood,5,100", "tree,5,100", "jgroups,5,100");
        assertThat(out.subList(4, 7))
                .allSatisfy(l -> assertThat(l).matches("max sustained: (flood|tree|jgroups) 5 (0|100) msgs/s"));
        assertThat(p.err()).anyMatch(l -> l.startsWith("throughput: tree N=5 100 msgs/s: "));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void twoNodeProcessesOverDtlsDeliverAndAPlaintextOrForeignNodeCannotJoin(@TempDir Path dir) throws Exception {
        java.security.SecureRandom random = java.security.SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(20_261_212L);
        dev.gossip.transport.dtls.ThrowawayCa ca = dev.gossip.transport.dtls.ThrowawayCa.create("it CA", random);
        char[] password = "node-password".toCharArray();
        for (String name : List.of("a", "b")) {
            try (var out = Files.newOutputStream(dir.resolve(name + ".p12"))) {
                ca.issue("node-" + name, java.net.InetAddress.getLoopbackAddress())
                        .keyStore(password)
                        .store(out, password);
            }
        }
        try (var out = Files.newOutputStream(dir.resolve("trust.p12"))) {
            ca.trustStore().store(out, password);
        }
        dev.gossip.transport.dtls.ThrowawayCa other = dev.gossip.transport.dtls.ThrowawayCa.create("other CA", random);
        try (var out = Files.newOutputStream(dir.resolve("foreign.p12"))) {
            other.issue("foreign", java.net.InetAddress.getLoopbackAddress())
                    .keyStore(password)
                    .store(out, password);
        }
        Files.writeString(dir.resolve("password"), "node-password\n");
        int port = 20_000 + new java.util.SplittableRandom(System.nanoTime()).nextInt(20_000);
        String seed = "127.0.0.1:" + port;

        Proc a = start(
                dir,
                Map.of("GOSSIP_KEYSTORE_PASSWORD", "node-password"),
                "node",
                "--preset",
                "local",
                "--bind",
                seed,
                "--transport",
                "dtls",
                "--keystore",
                "a.p12",
                "--truststore",
                "trust.p12");
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> a.err().stream().anyMatch(l -> l.contains("listening as")));
            Proc b = start(
                    dir,
                    Map.of(),
                    "send",
                    "--preset",
                    "local",
                    "--bind",
                    "127.0.0.1:0",
                    "--seed",
                    seed,
                    "--transport",
                    "dtls",
                    "--keystore",
                    "b.p12",
                    "--keystore-password-file",
                    "password",
                    "--truststore",
                    "trust.p12",
                    "hello over dtls");
            b.await(); // 3 (unacknowledged) is expected with two nodes: no third node sends a copy back
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> a.out().stream().anyMatch(l -> l.endsWith("hello over dtls")));

            Proc plain =
                    start(dir, Map.of(), "send", "--preset", "local", "--seed", seed, "--join-timeout", "3s", "plain");
            assertThat(plain.await()).as(plain.text()).isEqualTo(1);
            assertThat(plain.err())
                    .as(plain.text())
                    .singleElement()
                    .asString()
                    .contains("join failed")
                    .contains("no datagram came back from the seeds")
                    .contains("--transport dtls");

            Proc foreign = start(
                    dir,
                    Map.of("GOSSIP_KEYSTORE_PASSWORD", "node-password"),
                    "send",
                    "--preset",
                    "local",
                    "--seed",
                    seed,
                    "--join-timeout",
                    "3s",
                    "--transport",
                    "dtls",
                    "--keystore",
                    "foreign.p12",
                    "--truststore",
                    "trust.p12",
                    "foreign");
            assertThat(foreign.await()).as(foreign.text()).isEqualTo(1);
            // its certificate comes from another CA (it trusts the cluster's): the seed refuses it,
            // and the line says so
            assertThat(foreign.err())
                    .as(foreign.text())
                    .singleElement()
                    .asString()
                    .contains("join failed")
                    .contains("dtls handshake failures: ")
                    .contains(seed + " refused our handshake")
                    .contains("does not trust our certificate");
            assertThat(a.out()).noneMatch(l -> l.endsWith("plain") || l.endsWith("foreign"));
        } finally {
            a.process().destroy();
            a.process().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A {@code gossip node} over dtls is killed (no close_notify goes out, so the seed keeps its
     * session) and started again on the same address: its new handshake replaces the seed's old
     * session, and lines flow both ways again long before that session would be evicted as idle
     * (300 s). The restarted node reads its key, chain and trust from PEM files.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aKilledDtlsNodeRestartedOnTheSameAddressExchangesBothWaysAgain(@TempDir Path dir) throws Exception {
        long seedValue = 20_261_215L;
        java.security.SecureRandom random = java.security.SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(seedValue);
        dev.gossip.transport.dtls.ThrowawayCa ca = dev.gossip.transport.dtls.ThrowawayCa.create("it CA", random);
        char[] password = "node-password".toCharArray();
        try (var out = Files.newOutputStream(dir.resolve("a.p12"))) {
            ca.issue("node-a", java.net.InetAddress.getLoopbackAddress())
                    .keyStore(password)
                    .store(out, password);
        }
        try (var out = Files.newOutputStream(dir.resolve("trust.p12"))) {
            ca.trustStore().store(out, password);
        }
        // b's key, chain and trust in PEM files, as openssl writes them: no password
        dev.gossip.transport.dtls.ThrowawayCa.Issued b1 = ca.issue("node-b", java.net.InetAddress.getLoopbackAddress());
        StringBuilder bPem = new StringBuilder(pem("PRIVATE KEY", b1.key().getEncoded()));
        for (java.security.cert.X509Certificate certificate : b1.chain()) {
            bPem.append(pem("CERTIFICATE", certificate.getEncoded()));
        }
        Files.writeString(dir.resolve("b.pem"), bPem);
        Files.writeString(
                dir.resolve("ca.pem"), pem("CERTIFICATE", ca.certificate().getEncoded()));
        java.util.SplittableRandom ports = new java.util.SplittableRandom(System.nanoTime());
        int portA = 20_000 + ports.nextInt(20_000);
        int portB = portA == 39_999 ? 20_000 : portA + 1;
        String seed = "127.0.0.1:" + portA;
        Map<String, String> env = Map.of("GOSSIP_KEYSTORE_PASSWORD", "node-password");
        List<String> dtls = List.of("--preset", "local", "--transport", "dtls");

        Proc a = start(dir, env, nodeArgs(dtls, "a.p12", "--truststore", "trust.p12", "--bind", seed));
        Proc b = null;
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> a.err().stream().anyMatch(l -> l.contains("listening as")));
            for (int life = 1; life <= 2; life++) {
                b = start(
                        dir,
                        Map.of(),
                        nodeArgs(
                                dtls,
                                "b.pem",
                                "--truststore",
                                "ca.pem",
                                "--bind",
                                "127.0.0.1:" + portB,
                                "--seed",
                                seed));
                Proc current = b;
                await().alias("life " + life + " joined; " + current.text())
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> current.err().stream().anyMatch(l -> l.startsWith("gossip node: joined")));
                long started = System.nanoTime();
                String up = "from b, life " + life;
                String down = "to b, life " + life;
                await().alias("both ways in life " + life + "; a " + a.text() + "; b " + current.text())
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            // a line may go out before the tree reaches the other side: say it again
                            writeLine(current, up);
                            writeLine(a, down);
                            return a.out().stream().anyMatch(l -> l.endsWith(up))
                                    && current.out().stream().anyMatch(l -> l.endsWith(down));
                        });
                System.out.printf(
                        "dtls process restart: life %d exchanged both ways %d ms after joining%n",
                        life, (System.nanoTime() - started) / 1_000_000);
                if (life == 1) {
                    b.process().destroyForcibly(); // SIGKILL: no leave, no close_notify
                    assertThat(b.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
                }
            }
        } finally {
            for (Proc p : new Proc[] {b, a}) {
                if (p != null) {
                    p.process().destroy();
                    p.process().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static String[] nodeArgs(List<String> common, String keystore, String... more) {
        List<String> args = new ArrayList<>(List.of("node"));
        args.addAll(common);
        args.addAll(List.of("--keystore", keystore));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void writeLine(Proc p, String line) throws IOException {
        var in = p.process().getOutputStream();
        in.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        in.flush();
    }
}
