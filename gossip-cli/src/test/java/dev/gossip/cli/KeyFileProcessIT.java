package dev.gossip.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --key-file} as operators use it: real {@code gossip node} processes from the shaded jar,
 * real UDP on 127.0.0.1, key files written by {@code gossip keygen}, rotation by SIGHUP.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "SIGHUP and POSIX file modes")
class KeyFileProcessIT {

    private static final Duration START = Duration.ofSeconds(30);
    private static Path jar;

    /** A started process: its stdin, and its stdout and stderr line by line. */
    record Proc(String name, Process process, Writer stdin, Queue<String> out, Queue<String> err) {

        String address() {
            return await().alias(name + " listening; " + this)
                    .atMost(START)
                    .until(
                            () -> err.stream()
                                    .filter(l -> l.startsWith("gossip node: listening as "))
                                    .findFirst()
                                    .map(l -> l.substring("gossip node: listening as ".length()))
                                    .orElse(null),
                            a -> a != null);
        }

        void awaitErr(String alias, String prefix) {
            await().alias(name + " " + alias + "; " + this)
                    .atMost(START)
                    .until(() -> err.stream().anyMatch(l -> l.startsWith(prefix)));
        }

        void send(String line) throws IOException {
            stdin.write(line + "\n");
            stdin.flush();
        }

        boolean printed(String text) {
            return out.stream().anyMatch(l -> l.endsWith(" " + text));
        }

        void signal(String signal) throws Exception {
            assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                            .start()
                            .waitFor())
                    .isZero();
        }

        /** @return the drops line of a fresh {@code /status} */
        String drops() throws Exception {
            long before =
                    err.stream().filter(l -> l.startsWith("status: drops")).count();
            send("/status");
            await().alias(name + " status; " + this)
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> err.stream()
                                    .filter(l -> l.startsWith("status: drops"))
                                    .count()
                            > before);
            return err.stream()
                    .filter(l -> l.startsWith("status: drops"))
                    .reduce((a, b) -> b)
                    .orElseThrow();
        }

        int exit() throws InterruptedException {
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("%s finished", this)
                    .isTrue();
            return process.exitValue();
        }

        @Override
        public String toString() {
            return name + " (stdout " + out + ", stderr " + err + ")";
        }
    }

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("gossip.jar", "target/gossip.jar")).toAbsolutePath();
        assertThat(jar).as("the shaded jar (run mvn package first)").isRegularFile();
    }

    private static Proc start(String name, String... args) throws IOException {
        return start(InheritedSignals.resetPrefix(), name, args); // SIGHUP must reach the node
    }

    private static Proc start(List<String> prefix, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("GOSSIP_") || k.startsWith("MICRONAUT_"));
        Process process = builder.start();
        return new Proc(
                name,
                process,
                new OutputStreamWriter(process.getOutputStream(), UTF_8),
                ProcessLines.collect(process.getInputStream()),
                ProcessLines.collect(process.getErrorStream()));
    }

    private static Proc node(List<Proc> all, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", "--preset", "local", "--bind", "127.0.0.1:0"));
        command.addAll(List.of(args));
        Proc p = start(name, command.toArray(String[]::new));
        all.add(p);
        return p;
    }

    private static String keygen(String... args) throws Exception {
        Proc p = start("keygen", prepend("keygen", args));
        assertThat(p.exit()).as(p.toString()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> !p.out().isEmpty());
        String line = p.out().peek();
        // "wrote FILE: primary abcd1234, keys ..."
        return line.substring(line.indexOf("primary ") + "primary ".length(), line.indexOf(','));
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Each node sends one line; each must print the other's. */
    private static void exchange(Proc a, Proc b, String round) throws Exception {
        String fromA = "a " + round;
        String fromB = "b " + round;
        a.send(fromA);
        b.send(fromB);
        await().alias("round '" + round + "' delivered; " + a + "; " + b)
                .atMost(Duration.ofSeconds(20))
                .until(() -> b.printed(fromA) && a.printed(fromB));
    }

    private static void cleanUp(List<Proc> all) {
        for (Proc p : all) {
            p.process().destroyForcibly();
        }
        for (Proc p : all) {
            System.out.println(p);
        }
    }

    /**
     * Under {@code nohup} SIGHUP is ignored and stays ignored in the JVM, so no reload can happen:
     * the node says so when it starts instead of leaving the operator to find out at rotation time.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aNodeThatInheritsSighupIgnoredSaysItCannotReload(@TempDir Path dir) throws Exception {
        Process probe = new ProcessBuilder("/usr/bin/env", "--ignore-signal=HUP", "true").start();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "needs GNU env --ignore-signal (coreutils 8.31 or later)");
        Path keys = dir.resolve("keys");
        keygen(keys.toString());
        List<Proc> all = new ArrayList<>();
        try {
            Proc ignoring = start(
                    List.of("/usr/bin/env", "--ignore-signal=HUP"),
                    "ignoring",
                    "node",
                    "--preset",
                    "local",
                    "--bind",
                    "127.0.0.1:0",
                    "--key-file",
                    keys.toString());
            all.add(ignoring);
            ignoring.awaitErr("warns", "gossip node: warning: SIGHUP is ignored in this process");
            Proc normal = node(all, "normal", "--key-file", keys.toString());
            normal.drops(); // a /status answer: the node is past its set-up
            assertThat(normal.err()).as(normal.toString()).noneMatch(l -> l.contains("SIGHUP is ignored"));
        } finally {
            cleanUp(all);
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void nodesWithTheKeyFileDeliverAndOthersCannotJoinAndAreCounted(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys");
        Path other = dir.resolve("other");
        keygen(keys.toString());
        keygen(other.toString());
        List<Proc> all = new ArrayList<>();
        try {
            Proc a = node(all, "a", "--key-file", keys.toString(), "--cluster-label", "it");
            String seed = a.address();
            Proc b = node(all, "b", "--seed", seed, "--key-file", keys.toString(), "--cluster-label", "it");
            b.awaitErr("joined", "gossip node: joined");
            assertThat(b.err())
                    .anyMatch(l -> l.startsWith("gossip node: AES-GCM with key file " + keys + ": primary "));
            exchange(a, b, "encrypted");
            Proc send = start(
                    "send",
                    "send",
                    "--preset",
                    "local",
                    "--seed",
                    seed,
                    "--key-file",
                    keys.toString(),
                    "--cluster-label",
                    "it",
                    "--ack-timeout",
                    "10s",
                    "sent encrypted");
            assertThat(send.exit()).as(send.toString()).isZero();
            for (Proc p : List.of(a, b)) {
                await().alias(p.name() + " printed what send sent; " + p)
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> p.printed("sent encrypted"));
            }
            assertThat(a.drops()).as("before the outsiders").doesNotContain("AUTHENTICATION_FAILED");

            List<String[]> outsiders = List.of(
                    new String[] {"plaintext"},
                    new String[] {"other key", "--key-file", other.toString(), "--cluster-label", "it"},
                    new String[] {"other label", "--key-file", keys.toString(), "--cluster-label", "not-it"});
            for (String[] outsider : outsiders) {
                List<String> args = new ArrayList<>(List.of("--seed", seed, "--join-timeout", "2s"));
                args.addAll(List.of(outsider).subList(1, outsider.length));
                Proc x = node(all, outsider[0], args.toArray(String[]::new));
                assertThat(x.exit()).as(x.toString()).isEqualTo(GossipCli.EXIT_FAILURE);
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> x.err().stream().anyMatch(l -> l.startsWith("gossip node: join failed")));
                List<String> problems = x.err().stream()
                        .filter(l -> !l.startsWith("gossip node: listening as ")
                                && !l.startsWith("gossip node: AES-GCM with key file "))
                        .toList();
                assertThat(problems)
                        .as(x.toString())
                        .singleElement()
                        .asString()
                        .startsWith("gossip node: join failed")
                        .contains(seed)
                        .contains("no datagram came back from the seeds")
                        .contains(outsider[0].equals("plaintext") ? "they use --key-file" : "another --key-file")
                        .doesNotContain("Exception");
                System.out.println(outsider[0] + ": " + problems.get(0));
            }
            String drops = a.drops();
            System.out.println("seed after the outsiders: " + drops);
            assertThat(drops).matches("status: drops \\d+ .*AUTHENTICATION_FAILED=\\d+.*");
            long refused = Long.parseLong(drops.replaceAll(".*AUTHENTICATION_FAILED=(\\d+).*", "$1"));
            assertThat(refused)
                    .as("one subscription at least from each outsider")
                    .isGreaterThanOrEqualTo(3);
            exchange(a, b, "after the outsiders");
            assertThat(a.out())
                    .allMatch(l -> l.endsWith(" b encrypted")
                            || l.endsWith(" sent encrypted")
                            || l.endsWith(" b after the outsiders"));
            assertThat(b.out())
                    .allMatch(l -> l.endsWith(" a encrypted")
                            || l.endsWith(" sent encrypted")
                            || l.endsWith(" a after the outsiders"));
        } finally {
            cleanUp(all);
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void sighupRotatesTheKeysOnBothNodesAndMessagesStillFlow(@TempDir Path dir) throws Exception {
        Path keysA = dir.resolve("a.keys");
        Path keysB = dir.resolve("b.keys");
        String first = keygen(keysA.toString());
        Files.copy(keysA, keysB);
        List<Proc> all = new ArrayList<>();
        try {
            Proc a = node(all, "a", "--key-file", keysA.toString());
            String seed = a.address();
            Proc b = node(all, "b", "--seed", seed, "--key-file", keysB.toString());
            b.awaitErr("joined", "gossip node: joined");
            exchange(a, b, "first key");

            // The loss-free way: install the new key everywhere, then seal with it everywhere.
            String stillFirst = keygen("--add", keysA.toString());
            assertThat(stillFirst).isEqualTo(first);
            Files.copy(keysA, keysB, StandardCopyOption.REPLACE_EXISTING);
            reload(a, b, "keys " + first + " ");
            exchange(a, b, "second key installed");
            String promoted = keygen("--promote", keysA.toString());
            assertThat(promoted).isNotEqualTo(first);
            Files.copy(keysA, keysB, StandardCopyOption.REPLACE_EXISTING);
            reload(a, b, "primary " + promoted + ", keys " + promoted + " " + first);
            exchange(a, b, "second key sealing");
            assertThat(a.drops()).as("no datagram refused").doesNotContain("AUTHENTICATION_FAILED");
            assertThat(b.drops()).as("no datagram refused").doesNotContain("AUTHENTICATION_FAILED");

            // The old key out: what either node seals now opens only under the new key.
            List<String> lines = Files.readAllLines(keysA, UTF_8);
            Files.write(keysA, lines.subList(0, 1), UTF_8);
            Files.copy(keysA, keysB, StandardCopyOption.REPLACE_EXISTING);
            reload(a, b, "primary " + promoted + ", keys " + promoted);
            exchange(a, b, "old key removed");

            // One step: a new primary; the old key stays in the file and keeps opening.
            String rotated = keygen("--rotate", keysA.toString());
            Files.copy(keysA, keysB, StandardCopyOption.REPLACE_EXISTING);
            reload(a, b, "primary " + rotated + ", keys " + rotated + " " + promoted);
            exchange(a, b, "rotated");

            // A bad file changes nothing, in one line.
            Files.writeString(keysA, "# half-copied\n" + "AAAA\n", UTF_8);
            long before = a.err().size();
            a.signal("HUP");
            a.awaitErr("kept its keys", "gossip node: key file not reloaded");
            assertThat(a.err().stream().skip(before).toList())
                    .singleElement()
                    .isEqualTo("gossip node: key file not reloaded, keeping keys " + rotated + " " + promoted + ": "
                            + keysA + " line 2: a key of 3 bytes; an AES key is 16, 24 or 32 bytes");
            exchange(a, b, "after a bad file");
            assertThat(a.process().isAlive()).isTrue();
            assertThat(a.out()).doesNotHaveDuplicates();
            assertThat(b.out()).doesNotHaveDuplicates();
        } finally {
            cleanUp(all);
        }
    }

    /** Sends both nodes SIGHUP and waits until each says it reloaded with {@code keys} in the line. */
    private static void reload(Proc a, Proc b, String keys) throws Exception {
        long reloadsA = reloads(a);
        long reloadsB = reloads(b);
        a.signal("HUP");
        b.signal("HUP");
        for (Proc p : List.of(a, b)) {
            long before = p == a ? reloadsA : reloadsB;
            await().alias(p.name() + " reloaded with " + keys + "; " + p)
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> reloads(p) > before);
            String line = p.err().stream()
                    .filter(l -> l.startsWith("gossip node: key file "))
                    .reduce((x, y) -> y)
                    .orElseThrow();
            assertThat(line)
                    .startsWith("gossip node: key file ")
                    .contains(" reloaded: ")
                    .contains(keys);
        }
    }

    private static long reloads(Proc p) {
        return p.err().stream()
                .filter(l -> l.startsWith("gossip node: key file "))
                .count();
    }
}
