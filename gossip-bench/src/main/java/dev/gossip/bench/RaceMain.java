package dev.gossip.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * The dissemination race: for each cluster size, each system starts that many members in this JVM
 * on loopback, spreads {@code --runs} messages from seeded random
 * origins, one at a time (after a warm-up in which every member broadcasts once), and reports the time from the broadcast call until the last member
 * delivered (median and p90 over the runs) and the dissemination messages sent per delivery. One
 * system runs at a time; each is closed before the next starts.
 *
 * <pre>
 * java -cp gossip-bench/target/benchmarks.jar dev.gossip.bench.RaceMain \
 *     [--nodes 10,50,100] [--runs 7] [--systems gossip,gossip-any,scalecube-default,scalecube-local,jgroups] \
 *     [--seed 42] [--jgroups-port 27800]
 * </pre>
 *
 * The targets are printed, not asserted: at 50 nodes ours at least 50 times faster than ScaleCube's
 * default config, with fewer messages per delivery, and a median no slower than JGroups'.
 */
public final class RaceMain {

    private static final List<String> ALL_SYSTEMS =
            List.of("gossip", "gossip-any", "scalecube-default", "scalecube-local", "jgroups");

    private RaceMain() {
    }

    /**
     * Runs the race and prints the table.
     *
     * @param args see the class comment
     * @throws Exception if a cluster fails to form
     */
    public static void main(String[] args) throws Exception {
        int[] sizes = {10, 50, 100};
        int runs = 7;
        List<String> systems = ALL_SYSTEMS;
        long seed = 42;
        int jgroupsPort = 27800;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--nodes" -> sizes = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--runs" -> runs = Integer.parseInt(value);
                case "--systems" -> systems = List.of(value.split(","));
                case "--seed" -> seed = Long.parseLong(value);
                case "--jgroups-port" -> jgroupsPort = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<RaceResult> results = new ArrayList<>();
        for (int n : sizes) {
            for (String system : systems) {
                long s = seed;
                int port = jgroupsPort;
                BiFunction<RaceRecorder, Integer, RaceCluster> factory = switch (system) {
                    case "gossip" -> (r, size) -> new GossipRaceCluster(r, s, false);
                    case "gossip-any" -> (r, size) -> new GossipRaceCluster(r, s, true);
                    case "scalecube-default" -> (r, size) -> new ScaleCubeRaceCluster(r, false);
                    case "scalecube-local" -> (r, size) -> new ScaleCubeRaceCluster(r, true);
                    case "jgroups" -> (r, size) -> new JGroupsRaceCluster(r, port);
                    default -> throw new IllegalArgumentException("unknown system " + system + "; known: " + ALL_SYSTEMS);
                };
                RaceResult result;
                try {
                    result = race(factory, n, runs, seed);
                } catch (Exception e) { // a system that does not form still gets its row
                    result = new RaceResult(system, n, runs, runs, List.of(), 0, 0, Double.NaN,
                            "did not complete: " + e.getMessage());
                }
                System.err.println(result.row());
                results.add(result);
            }
        }
        System.out.println();
        System.out.println(RaceResult.HEADER);
        System.out.println(RaceResult.RULE);
        results.forEach(r -> System.out.println(r.row()));
        System.out.println();
        results.stream().filter(r -> !r.note().isEmpty())
                .forEach(r -> System.out.println("N=" + r.nodes() + " " + r.system() + ": " + r.note()));
        printTargets(results);
        System.exit(0); // third-party event loops may still be winding down on non-daemon threads
    }

    static RaceResult race(BiFunction<RaceRecorder, Integer, RaceCluster> factory, int n, int runs, long seed)
            throws Exception {
        RaceRecorder recorder = new RaceRecorder();
        SplittableRandom random = new SplittableRandom(seed ^ n);
        try (RaceCluster cluster = factory.apply(recorder, n)) {
            long startNanos = System.nanoTime();
            cluster.start(n);
            long joinNanos = System.nanoTime() - startNanos;
            long timeout = TimeUnit.SECONDS.toNanos(30);
            List<Double> millis = new ArrayList<>();
            long messages = 0;
            long deliveries = 0;
            int incomplete = 0;
            // Warm-up, not counted: every member broadcasts once, so that every connection a
            // system opens lazily (JGroups' and ScaleCube's TCP) exists and the code is compiled.
            recorder.begin(-1, n, 0);
            for (int member = 0; member < n; member++) {
                cluster.broadcast(member, -1);
                if (cluster.sequentialWarmUp()) {
                    cluster.settle();
                }
            }
            Thread.sleep(500);
            cluster.settle();
            for (int run = 1; run <= runs; run++) {
                int origin = random.nextInt(n);
                cluster.settle();
                long before = cluster.messagesSent();
                recorder.begin(run, n, origin);
                long sent = System.nanoTime();
                cluster.broadcast(origin, run);
                long last = recorder.awaitAll(timeout);
                cluster.settle();
                messages += cluster.messagesSent() - before;
                deliveries += n - 1 - recorder.missing();
                if (last < 0) {
                    incomplete++;
                } else {
                    millis.add((last - sent) / 1e6);
                }
            }
            return new RaceResult(cluster.name(), n, runs, incomplete, millis, messages, deliveries, joinNanos / 1e9,
                    cluster.note());
        }
    }

    private static void printTargets(List<RaceResult> results) {
        for (RaceResult ours : results) {
            if (!ours.system().startsWith("gossip")) {
                continue;
            }
            for (RaceResult other : results) {
                if (other.nodes() != ours.nodes() || other.system().startsWith("gossip")) {
                    continue;
                }
                System.out.printf(Locale.ROOT, "N=%d %s vs %s: median %.1fx faster, %.2f vs %.2f messages per delivery%n",
                        ours.nodes(), ours.system(), other.system(), other.median() / ours.median(),
                        ours.messagesPerDelivery(), other.messagesPerDelivery());
            }
        }
        System.out.println("Targets at N=50: >= 50x faster than ScaleCube default, fewer messages per"
                + " delivery than ScaleCube, median no slower than JGroups (ratio >= 1.0x).");
    }
}
