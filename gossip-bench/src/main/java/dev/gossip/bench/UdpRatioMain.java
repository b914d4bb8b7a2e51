package dev.gossip.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * UDP forwarding against raw NIO, measured so that a shared, noisy machine still gives a ratio: for
 * each payload size it opens all three {@link UdpPath}s once (raw, transport, node), warms them
 * up, then runs rounds in which each path sends alone for one short window (the order rotated each
 * round, the receiver drained after each window so every arrival counts for the window that sent
 * it). Each round yields a transport/raw and a node/raw ratio of the send and of the receive rate;
 * the table shows their median and interquartile range over the rounds, the median absolute rates,
 * the loss, and the CPU time per datagram of the sending thread and of the whole process (sender,
 * receiver and everything else in the JVM), which shows what a path costs even when the machine's
 * other work decides its rate. JMH's {@link UdpThroughputBenchmark} measures one path after the other instead, so
 * load that changes during the run lands on one side of its ratio.
 *
 * <pre>
 * java -cp gossip-bench/target/benchmarks.jar dev.gossip.bench.UdpRatioMain \
 *     [--payloads 64,512,1400] [--rounds 21] [--window-ms 400] [--warmup-ms 3000] [--join-rounds 11]
 * </pre>
 *
 * The target is printed, not asserted: each path's received rate at least 80 % of raw's (50 % for
 * {@code dtls}, which encrypts every datagram). Last, {@link JoinTime} prints how long a join takes
 * over {@code dtls} against {@code udp} ({@code --join-rounds 0} skips it).
 */
public final class UdpRatioMain {

    /** The quiet time that ends a drain, and the longest a drain waits. */
    private static final long DRAIN_QUIET_MILLIS = 5;

    private static final long DRAIN_MAX_MILLIS = 1_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * What to measure.
     *
     * @param payloads datagram sizes in bytes, one table each
     * @param rounds rounds per size; each has one window per path
     * @param windowMillis how long each path sends in one window
     * @param warmupMillis per size, how long the paths send (in turns) before measuring
     */
    record Options(int[] payloads, int rounds, long windowMillis, long warmupMillis, int joinRounds) {
        Options {
            if (payloads.length == 0 || Arrays.stream(payloads).anyMatch(p -> p < 1 || p > 65_000)) {
                throw new IllegalArgumentException(
                        "--payloads must be sizes in 1..65000: " + Arrays.toString(payloads));
            }
            if (joinRounds < 0) {
                throw new IllegalArgumentException("--join-rounds must not be negative: " + joinRounds);
            }
            if (rounds < 1 || windowMillis < 1 || warmupMillis < 0) {
                throw new IllegalArgumentException("--rounds and --window-ms must be positive, --warmup-ms not"
                        + " negative: " + rounds + ", " + windowMillis + ", " + warmupMillis);
            }
        }

        static Options parse(String... args) {
            int[] payloads = {64, 512, 1400};
            int rounds = 21;
            long window = 400;
            long warmup = 3_000;
            int joinRounds = 11;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String value = args[i + 1];
                try {
                    switch (args[i]) {
                        case "--payloads" ->
                            payloads = Arrays.stream(value.split(","))
                                    .mapToInt(Integer::parseInt)
                                    .toArray();
                        case "--rounds" -> rounds = Integer.parseInt(value);
                        case "--window-ms" -> window = Long.parseLong(value);
                        case "--warmup-ms" -> warmup = Long.parseLong(value);
                        case "--join-rounds" -> joinRounds = Integer.parseInt(value);
                        default ->
                            throw new IllegalArgumentException("unknown option " + args[i]
                                    + "; known: --payloads, --rounds, --window-ms, --warmup-ms, --join-rounds");
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(args[i] + ": not a number: '" + value + "'");
                }
            }
            return new Options(payloads, rounds, window, warmup, joinRounds);
        }
    }

    /** The options, printed by {@code --help} and after a usage error. */
    static final String USAGE =
            "usage: UdpRatioMain [--payloads 64,512,1400] [--rounds 21] [--window-ms 400] [--warmup-ms 3000]"
                    + " [--join-rounds 11]";

    private UdpRatioMain() {}

    /**
     * Measures and prints one table per payload size, then the target lines.
     *
     * @param args see the class comment
     * @throws Exception if a socket cannot be opened
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("UdpRatioMain: " + e.getMessage() + " (" + USAGE + ")");
            System.exit(2);
            return;
        }
        run(options, System.out);
    }

    /** Measures every payload size, printing each table as it is done; returns the tables. */
    static List<UdpRatioTable> run(Options options, PrintStream out) throws Exception {
        out.printf(
                "UDP forwarding vs raw NIO on 127.0.0.1: one sender thread, one receiver thread"
                        + " per path; %s, %d processors%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        List<UdpRatioTable> tables = new ArrayList<>();
        for (int payload : options.payloads()) {
            UdpRatioTable table = measure(payload, options);
            out.println();
            out.print(table.format(options.windowMillis()));
            out.flush();
            tables.add(table);
        }
        out.println();
        tables.forEach(t -> out.print(t.targetLines()));
        out.flush();
        JoinTime.measure(options.joinRounds(), out);
        return tables;
    }

    private static UdpRatioTable measure(int payloadBytes, Options options) throws Exception {
        Map<String, UdpPath> paths = new LinkedHashMap<>();
        try {
            for (String name : UdpPath.NAMES) {
                paths.put(name, UdpPath.open(name, payloadBytes));
            }
            List<UdpPath> order = new ArrayList<>(paths.values());
            long windowNanos = TimeUnit.MILLISECONDS.toNanos(options.windowMillis());
            long warmupEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.warmupMillis());
            while (System.nanoTime() < warmupEnd) {
                for (UdpPath path : order) {
                    window(path, Math.min(windowNanos, TimeUnit.MILLISECONDS.toNanos(100)));
                }
            }
            UdpRatioTable table = new UdpRatioTable(payloadBytes);
            List<String> names = new ArrayList<>(paths.keySet());
            for (int round = 0; round < options.rounds(); round++) {
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get((round + i) % names.size());
                    table.add(name, window(Objects.requireNonNull(paths.get(name)), windowNanos)); // a key of paths
                }
            }
            return table;
        } finally {
            UdpPath.closeAll(paths.values().toArray(AutoCloseable[]::new));
        }
    }

    /** Sends on {@code path} alone for {@code nanos}, then drains its receiver. */
    static UdpRatioTable.Window window(UdpPath path, long nanos) {
        long before = path.drain(DRAIN_QUIET_MILLIS, DRAIN_MAX_MILLIS);
        long sent = 0;
        long processCpu = PROCESS.getProcessCpuTime();
        long senderCpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + nanos;
        long now;
        do {
            if (path.send()) {
                sent++;
            }
            now = System.nanoTime();
        } while (now < end);
        senderCpu = THREADS.getCurrentThreadCpuTime() - senderCpu;
        long after = path.drain(DRAIN_QUIET_MILLIS, DRAIN_MAX_MILLIS);
        processCpu = PROCESS.getProcessCpuTime() - processCpu;
        return new UdpRatioTable.Window(sent, after - before, (now - start) / 1e9, senderCpu, processCpu);
    }
}
