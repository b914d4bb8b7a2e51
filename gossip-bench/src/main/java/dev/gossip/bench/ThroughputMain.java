package dev.gossip.bench;

import dev.gossip.DisseminationConfig;
import dev.gossip.GossipConfig;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The throughput race: for each cluster size and system, N members in this JVM on loopback, a
 * fixed set of sending threads each broadcasting from its own member (seeded random members), the
 * offered load raised in steps until a step delivers less than 99.9 % of what it offered.
 *
 * <p>A step at rate R sends R × {@code --step} messages of {@code --payload} bytes, each due at its
 * place in an even spread over the step, round-robin over the senders (a sender behind schedule
 * sends at once; what it has not sent a tenth of the step after the step's end is not sent, and
 * counts as offered and not delivered). Deliveries of the step's messages (first receipts, each
 * member but the sender) are counted until every one arrived or {@code --drain} after the last
 * send. Per step: the delivered ratio (deliveries over offered × (N - 1)), the median and
 * 99th-percentile latency from the time the message was due (so a sender held up by the system
 * adds its wait) to the delivery,
 * the datagrams per delivery (ours: every datagram the nodes sent, heartbeats included; JGroups:
 * every framed TCP transmission its transports received, a batch counting once, from its own
 * statistics) and the process CPU time per delivery, both over the step, its drain and a {@code
 * --settle} pause. Before the first step each member broadcasts once, one at a time (each
 * broadcast's traffic settles before the next), and the first rate runs for {@code --warmup},
 * unreported.
 *
 * <p>Systems: {@code flood} and {@code tree}, our nodes with {@link dev.gossip.GossipConfig#local()}
 * and that dissemination, joining through member 0; {@code jgroups}, JGroups 5.5.7 over TCP with
 * TCPPING and its default bundler ({@link JGroupsRaceCluster}).
 *
 * <pre>
 * java -cp gossip-bench/target/benchmarks.jar dev.gossip.bench.ThroughputMain [options]
 * </pre>
 *
 * Options: {@link ThroughputOptions#USAGE}. Progress goes to stderr, a line per step; the table
 * (or CSV) to stdout, ending with one {@code max sustained: SYSTEM N RATE msgs/s} line per system
 * and size (0 if even the first step fell short).
 */
public final class ThroughputMain {

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ThroughputMain() {}

    /**
     * Runs the race; a bad option is one line on stderr and exit code 2, a system that failed to
     * run exit code 1.
     *
     * @param args see {@link ThroughputOptions#USAGE}
     */
    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(ThroughputOptions.USAGE);
            return;
        }
        ThroughputOptions options;
        try {
            options = ThroughputOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ThroughputMain: " + e.getMessage() + " (" + ThroughputOptions.USAGE + ")");
            System.exit(2);
            return;
        }
        Outcome outcome = run(options, System.out, System.err);
        System.exit(outcome.failures().isEmpty() ? 0 : 1); // JGroups' threads may still be winding down
    }

    /**
     * What a run measured.
     *
     * @param steps every step, in the order run
     * @param maxSustained per "system N", the highest sustained rate (0 if none)
     * @param failures per "system N", why it could not run
     */
    record Outcome(List<ThroughputResult> steps, Map<String, Integer> maxSustained, Map<String, String> failures) {}

    /** @return our nodes in {@code mode}, the local preset with the options' overrides */
    private static LoadCluster ours(DeliverySink sink, ThroughputOptions options, DisseminationConfig.Mode mode) {
        return new GossipRaceCluster(
                sink, options.seed(), false, mode, options.linger(), options.datagramBytes(), options.graftTimeout());
    }

    /**
     * Runs every system at every size, one cluster at a time.
     *
     * @param options what to measure
     * @param out the CSV rows as they come (CSV) or the table at the end, then the max sustained lines
     * @param progress a line per step
     * @return the steps and the maxima
     */
    static Outcome run(ThroughputOptions options, PrintStream out, PrintStream progress) {
        GossipConfig ourNodes = GossipRaceCluster.config(
                DisseminationConfig.Mode.TREE, options.linger(), options.datagramBytes(), options.graftTimeout());
        progress.printf(
                Locale.ROOT,
                "throughput: N = %s; systems %s; offered %s msgs/s, %d ms per step, drain up to"
                        + " %d ms, settle %d ms; %d senders, %d-byte payloads; our nodes: local preset, linger %d ms, datagrams"
                        + " up to %d bytes, graft timeout %d ms; %s, %d processors%n",
                Arrays.toString(options.sizes()),
                options.systems(),
                Arrays.toString(options.rates()),
                options.step().toMillis(),
                options.drain().toMillis(),
                options.settle().toMillis(),
                options.senders(),
                options.payloadBytes(),
                options.linger().toMillis(),
                ourNodes.transport().maxDatagramBytes(),
                ourNodes.dissemination().graftTimeout().toMillis(),
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        if (options.csv()) {
            out.println(ThroughputResult.CSV_HEADER);
            out.flush();
        }
        List<ThroughputResult> steps = new ArrayList<>();
        Map<String, Integer> maxSustained = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        int[] stepId = {0};
        for (int n : options.sizes()) {
            for (String system : options.systems()) {
                String key = system + " " + n;
                int max = 0;
                try {
                    List<ThroughputResult> climbed = climb(system, n, options, stepId, notes, out, progress);
                    for (ThroughputResult step : climbed) {
                        if (!step.sustained()) {
                            break;
                        }
                        max = step.offeredPerSecond();
                    }
                    if (!climbed.isEmpty() && climbed.get(climbed.size() - 1).sustained()) {
                        progress.printf(
                                "throughput: %s N=%d sustained the highest rate offered; add higher --rates"
                                        + " to find its limit%n",
                                system, n);
                    }
                    steps.addAll(climbed);
                } catch (Exception e) {
                    failures.put(key, String.valueOf(e));
                    progress.println("throughput: " + system + " N=" + n + " failed: " + e);
                }
                maxSustained.put(key, max);
            }
        }
        if (!options.csv()) {
            out.println();
            out.println(ThroughputResult.TABLE_HEADER);
            out.println(ThroughputResult.TABLE_RULE);
            steps.forEach(s -> out.println(s.tableRow()));
            out.println();
            notes.forEach((key, note) -> out.println(key + ": " + note));
            failures.forEach((key, failure) -> out.println(key + ": failed: " + failure));
            comparisons(options, maxSustained).forEach(out::println);
        }
        maxSustained.forEach((key, rate) -> out.println("max sustained: " + key + " " + rate + " msgs/s"));
        out.flush();
        return new Outcome(steps, maxSustained, failures);
    }

    /** Tree against flood and JGroups, per size: the ratios of their maxima. */
    static List<String> comparisons(ThroughputOptions options, Map<String, Integer> maxSustained) {
        List<String> lines = new ArrayList<>();
        for (int n : options.sizes()) {
            Integer tree = maxSustained.get("tree " + n);
            if (tree == null) {
                continue;
            }
            for (String other : List.of("flood", "jgroups")) {
                Integer rate = maxSustained.get(other + " " + n);
                if (rate != null) {
                    lines.add(String.format(
                            Locale.ROOT,
                            "N=%d: tree sustains %s %s's rate (target >= %s)",
                            n,
                            rate == 0 ? "(no rate)" : String.format(Locale.ROOT, "%.2fx", (double) tree / rate),
                            other,
                            other.equals("flood") ? "4x" : "1x"));
                }
            }
        }
        return lines;
    }

    private static List<ThroughputResult> climb(
            String system,
            int n,
            ThroughputOptions options,
            int[] stepId,
            Map<String, String> notes,
            PrintStream out,
            PrintStream progress)
            throws Exception {
        ThroughputRecorder recorder = new ThroughputRecorder();
        Function<DeliverySink, LoadCluster> factory = switch (system) {
            case "flood" -> sink -> ours(sink, options, DisseminationConfig.Mode.FLOOD);
            case "tree" -> sink -> ours(sink, options, DisseminationConfig.Mode.TREE);
            case "jgroups" -> sink -> new JGroupsRaceCluster(sink, options.jgroupsPort());
            default -> throw new IllegalArgumentException("unknown system " + system);
        };
        List<ThroughputResult> results = new ArrayList<>();
        try (LoadCluster cluster = factory.apply(recorder)) {
            long formStart = System.nanoTime();
            cluster.start(n);
            // One member at a time, each broadcast's traffic settled before the next, for every
            // system: a cluster that has been running, not one that starts under a burst. (All
            // members at once left our tree at N = 50 repairing by grafts from the first step on,
            // at 250 msgs/s: docs/benchmarks.md; JGroups needs it to open its connections cleanly.)
            for (int member = 0; member < n; member++) {
                cluster.broadcast(member, -1);
                cluster.settle();
            }
            int[] senderMembers = new SplittableRandom(options.seed() ^ n)
                    .ints(0, n)
                    .distinct()
                    .limit(options.senders())
                    .toArray();
            progress.printf(
                    Locale.ROOT,
                    "throughput: %s N=%d formed and warmed in %.1f s; senders at members %s%n",
                    system,
                    n,
                    (System.nanoTime() - formStart) / 1e9,
                    Arrays.toString(senderMembers));
            if (!options.warmup().isZero()) {
                step(
                        cluster,
                        recorder,
                        system,
                        n,
                        senderMembers,
                        options.rates()[0],
                        options.warmup().toNanos(),
                        ++stepId[0],
                        options);
            }
            for (int rate : options.rates()) {
                ThroughputResult result = step(
                        cluster,
                        recorder,
                        system,
                        n,
                        senderMembers,
                        rate,
                        options.step().toNanos(),
                        ++stepId[0],
                        options);
                results.add(result);
                progress.println(result.progress());
                if (options.csv()) {
                    out.println(result.csv());
                    out.flush();
                }
                if (!result.sustained()) {
                    break;
                }
            }
            String note = cluster.note();
            notes.put(system + " " + n, note);
            progress.println("throughput: " + system + " N=" + n + ": " + note);
        }
        return results;
    }

    /** Sends at {@code rate} for {@code stepNanos}, drains, settles; measures. */
    static ThroughputResult step(
            LoadCluster cluster,
            ThroughputRecorder recorder,
            String system,
            int n,
            int[] senderMembers,
            int rate,
            long stepNanos,
            int id,
            ThroughputOptions options)
            throws InterruptedException {
        int senders = senderMembers.length;
        long offered = Math.max(1, Math.round(rate * (stepNanos / 1e9)));
        int perSender = (int) ((offered + senders - 1) / senders);
        double spacingNanos = (double) stepNanos / offered;
        recorder.begin(id, n, senderMembers, perSender);
        Map<String, Long> countersBefore = cluster.counters();
        long transportBefore = cluster.transportMessages();
        long cpuBefore = PROCESS.getProcessCpuTime();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        long end = start + stepNanos;
        long lastSend = end + stepNanos / 10;
        AtomicLong sent = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            Thread thread = new Thread(
                    () -> {
                        try {
                            for (int k = 0; ; k++) {
                                long index = (long) k * senders + sender;
                                if (index >= offered) {
                                    break;
                                }
                                long due = start + (long) (index * spacingNanos);
                                long now;
                                while ((now = System.nanoTime()) < due) {
                                    LockSupport.parkNanos(due - now);
                                }
                                if (now >= lastSend) {
                                    break;
                                }
                                // latency counts from the time due, so a sender held up by the system
                                // under test adds its wait to the latency instead of hiding it
                                byte[] payload = ThroughputRecorder.payload(
                                        new byte[options.payloadBytes()], id, sender, k, due);
                                cluster.send(senderMembers[sender], payload);
                                sent.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failure.compareAndSet(null, e);
                        }
                    },
                    "throughput-sender-" + s);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.NANOSECONDS.toMillis(lastSend - System.nanoTime()) + 10_000);
        }
        long drainEnd = System.nanoTime() + options.drain().toNanos();
        long expected = sent.get() * (n - 1L);
        while (recorder.deliveries() < expected && System.nanoTime() < drainEnd) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        recorder.close();
        if (failure.get() != null) {
            System.err.println("throughput: " + system + " N=" + n + ": a send failed: " + failure.get());
        }
        Thread.sleep(options.settle().toMillis());
        long cpu = PROCESS.getProcessCpuTime() - cpuBefore;
        long transport = cluster.transportMessages() - transportBefore;
        Map<String, Long> counters = new LinkedHashMap<>();
        cluster.counters().forEach((name, value) -> {
            long delta = value - countersBefore.getOrDefault(name, 0L);
            if (delta != 0) {
                counters.put(name, delta);
            }
        });
        return new ThroughputResult(
                system,
                n,
                rate,
                offered,
                sent.get(),
                recorder.deliveries(),
                recorder.latencyMillis(0.50),
                recorder.latencyMillis(0.99),
                transport,
                cpu,
                counters);
    }
}
