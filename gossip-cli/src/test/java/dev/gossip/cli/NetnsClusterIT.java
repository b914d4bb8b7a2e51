package dev.gossip.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real hosts, real links: five network namespaces, each with a veth link to a bridge in a sixth
 * (the switch), addresses 198.18.0.11-15/24 that exist only inside them, and one {@code java -jar
 * gossip.jar node} per host. Host 5's link is taken down for a while and brought back up: the
 * other four deliver throughout, and host 5 receives and sends again afterwards. Needs root and
 * iproute2, and runs only when {@code gossip.netns} is set ({@code -Pheavy}); skips with a message
 * otherwise. Everything it creates is deleted afterwards, whatever happened.
 */
class NetnsClusterIT {

    private static final int HOSTS = 5;
    private static final String PREFIX = "gsp" + ProcessHandle.current().pid() % 100_000;
    private static final String SWITCH = PREFIX + "-sw";
    private static final Duration DELIVERY = Duration.ofSeconds(20);

    private static final List<Process> nodes = new ArrayList<>();
    private static final List<Queue<String>> outs = new ArrayList<>();
    private static final List<Queue<String>> errs = new ArrayList<>();
    private static final List<PrintStream> ins = new ArrayList<>();
    private static boolean created;

    private static String host(int i) {
        return PREFIX + "-h" + i;
    }

    private static String address(int i) {
        return "198.18.0." + (11 + i);
    }

    @BeforeAll
    static void buildNetwork() throws Exception {
        Assumptions.assumeTrue(
                Boolean.getBoolean("gossip.netns"),
                "netns test skipped: runs only with -Pheavy (system property gossip.netns)");
        Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "netns test skipped: needs root to create network namespaces");
        Assumptions.assumeTrue(run("ip", "-V") == 0, "netns test skipped: iproute2 (ip) not found");
        Path jar = Path.of(System.getProperty("gossip.jar", "target/gossip.jar"));
        Assumptions.assumeTrue(Files.isRegularFile(jar), "netns test skipped: no " + jar + " (run mvn package)");
        created = true;
        ip("netns", "add", SWITCH);
        ip("-n", SWITCH, "link", "add", "br0", "type", "bridge");
        ip("-n", SWITCH, "link", "set", "br0", "up");
        for (int i = 0; i < HOSTS; i++) {
            ip("netns", "add", host(i));
            ip("-n", host(i), "link", "set", "lo", "up");
            ip("-n", SWITCH, "link", "add", "p" + i, "type", "veth", "peer", "name", "eth0", "netns", host(i));
            ip("-n", SWITCH, "link", "set", "p" + i, "master", "br0", "up");
            ip("-n", host(i), "addr", "add", address(i) + "/24", "dev", "eth0");
            ip("-n", host(i), "link", "set", "eth0", "up");
        }
        for (int i = 0; i < HOSTS; i++) {
            List<String> command = new ArrayList<>(List.of(
                    "ip",
                    "netns",
                    "exec",
                    host(i),
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m",
                    "-jar",
                    jar.toString(),
                    "node",
                    "--preset",
                    "local",
                    "--bind",
                    address(i) + ":7946"));
            if (i > 0) {
                command.addAll(List.of("--seed", address(0) + ":7946"));
            }
            Process p = new ProcessBuilder(command).start();
            nodes.add(p);
            outs.add(ProcessLines.collect(p.getInputStream()));
            errs.add(ProcessLines.collect(p.getErrorStream()));
            ins.add(new PrintStream(p.getOutputStream(), true, UTF_8));
            if (i == 0) {
                awaitLine(errs.get(0), "listening", "node 0 listening");
            }
        }
        for (int i = 1; i < HOSTS; i++) {
            awaitLine(errs.get(i), "joined", "node " + i + " joined");
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (Process p : nodes) {
            p.destroy();
        }
        for (Process p : nodes) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (created) {
            for (int i = 0; i < HOSTS; i++) {
                run("ip", "netns", "del", host(i));
            }
            run("ip", "netns", "del", SWITCH);
        }
    }

    @Test
    void theClusterDeliversWhileOneHostIsCutOffAndTheHostRejoins() throws Exception {
        int cut = HOSTS - 1;
        broadcastAndAwait(1, "before the cut", allBut(1));

        ip("-n", host(cut), "link", "set", "eth0", "down");
        long cutAt = System.nanoTime();
        for (int k = 0; k < 3; k++) {
            broadcastAndAwait(k % 2 == 0 ? 0 : 2, "during the cut " + k, allBut(k % 2 == 0 ? 0 : 2, cut));
        }
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(outs.get(cut))
                .as("host %d heard nothing while cut off", cut)
                .noneMatch(l -> l.contains("during the cut"));

        ip("-n", host(cut), "link", "set", "eth0", "up");
        double cutSeconds = (System.nanoTime() - cutAt) / 1e9;
        long upAt = System.nanoTime();
        broadcastAndAwait(cut, "from the host that was cut off", allBut(cut));
        broadcastAndAwait(1, "after the cut", allBut(1));
        System.out.printf(
                "netns: %d hosts on 198.18.0.0/24; host %d's link down for %.1f s; the other %d"
                        + " delivered every message meanwhile; after link up it sent and received again within %.1f s%n",
                HOSTS, cut + 1, cutSeconds, HOSTS - 1, (System.nanoTime() - upAt) / 1e9);
    }

    private static List<Integer> allBut(int... excluded) {
        List<Integer> targets = new ArrayList<>();
        outer:
        for (int i = 0; i < HOSTS; i++) {
            for (int e : excluded) {
                if (i == e) {
                    continue outer;
                }
            }
            targets.add(i);
        }
        return targets;
    }

    private static void broadcastAndAwait(int from, String text, List<Integer> receivers) {
        ins.get(from).println(text);
        for (int r : receivers) {
            await().alias("host " + r + " prints '" + text + "' from host " + from + "; its stderr " + errs.get(r))
                    .atMost(DELIVERY)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> outs.get(r).stream().anyMatch(l -> l.endsWith(" " + text)));
        }
    }

    private static void awaitLine(Queue<String> lines, String fragment, String what) {
        await().alias(what + "; lines " + lines)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> lines.stream().anyMatch(l -> l.contains(fragment)));
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        int status = run(command.toArray(String[]::new));
        assertThat(status).as("exit status of %s", command).isZero();
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), UTF_8);
        int status = p.waitFor();
        if (status != 0) {
            System.err.println(String.join(" ", command) + " -> " + status + ": " + output.strip());
        }
        return status;
    }
}
