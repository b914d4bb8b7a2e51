package dev.gossip.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Which DTLS library: the JDK's {@code SSLEngine}, as our {@code dtls} transport drives it
 * ({@link UdpPath} {@code dtls}), against BouncyCastle's DTLS ({@link BcDtlsPath}), with raw NIO
 * as the yardstick, on 127.0.0.1 in the same run. The paths take turns sending alone for one
 * window per round (order rotated each round, the receiver drained after each window); each round
 * gives a BouncyCastle/JDK ratio of the received rate, and the table shows the median and
 * interquartile range over the rounds, with the sending thread's CPU time per datagram.
 *
 * <pre>
 * java -cp gossip-bench/target/benchmarks.jar dev.gossip.bench.DtlsLibraryRatioMain \
 *     [--payload 512] [--rounds 21] [--window-ms 300] [--warmup-ms 2000]
 * </pre>
 *
 * The JDK side carries our transport's own work (session lookup, lock, kind byte), BouncyCastle's
 * only its {@code DTLSTransport} on a connected socket: a ratio above 1 is an upper bound on what
 * switching would gain.
 */
public final class DtlsLibraryRatioMain {

    static final List<String> PATHS = List.of("raw", "jdk-dtls", "bc-dtls");
    static final String USAGE =
            "usage: DtlsLibraryRatioMain [--payload 512] [--rounds 21] [--window-ms 300] [--warmup-ms 2000]";

    private DtlsLibraryRatioMain() {}

    /**
     * @param args see the class comment
     * @throws Exception if a socket cannot be opened or a handshake fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return;
        }
        long[] options = {512, 21, 300, 2_000};
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                int at = List.of("--payload", "--rounds", "--window-ms", "--warmup-ms")
                        .indexOf(args[i]);
                if (at < 0) {
                    throw new IllegalArgumentException("unknown option " + args[i]);
                }
                options[at] = Long.parseLong(args[i + 1]);
                if (options[at] < (at == 3 ? 0 : 1)) {
                    throw new IllegalArgumentException(args[i] + " must be positive: " + args[i + 1]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("DtlsLibraryRatioMain: " + e.getMessage() + " (" + USAGE + ")");
            System.exit(2);
            return;
        }
        run((int) options[0], (int) options[1], options[2], options[3], System.out);
    }

    /** Measures and prints the table; returns the per-round bc/jdk received ratios. */
    static double[] run(int payload, int rounds, long windowMillis, long warmupMillis, PrintStream out)
            throws Exception {
        out.printf(
                Locale.ROOT,
                "DTLS 1.2 libraries on 127.0.0.1, %d B datagrams, one sender and one receiver thread each;"
                        + " %s, %d processors%n",
                payload,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        List<UdpPath> paths = new ArrayList<>(); // in the order of PATHS
        List<List<UdpRatioTable.Window>> windows = new ArrayList<>();
        try {
            paths.add(UdpPath.open("raw", payload));
            paths.add(UdpPath.open("dtls", payload));
            paths.add(new BcDtlsPath(payload));
            PATHS.forEach(p -> windows.add(new ArrayList<>()));
            long windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
            long warmupEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(warmupMillis);
            while (System.nanoTime() < warmupEnd) {
                for (UdpPath path : paths) {
                    UdpRatioMain.window(path, Math.min(windowNanos, TimeUnit.MILLISECONDS.toNanos(100)));
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < PATHS.size(); i++) {
                    int path = (round + i) % PATHS.size();
                    windows.get(path).add(UdpRatioMain.window(paths.get(path), windowNanos));
                }
                System.err.printf("DtlsLibraryRatioMain: round %d of %d%n", round + 1, rounds);
            }
        } finally {
            UdpPath.closeAll(paths.toArray(AutoCloseable[]::new));
        }
        out.println();
        out.println("| path | received k/s (median) | sender CPU µs/datagram (median) | received / raw | bc / jdk |");
        out.println("|---|---|---|---|---|");
        double[] bcOverJdk = ratios(windows.get(2), windows.get(1));
        for (int p = 0; p < PATHS.size(); p++) {
            String name = PATHS.get(p);
            List<UdpRatioTable.Window> own = windows.get(p);
            out.printf(
                    Locale.ROOT,
                    "| %s | %.1f | %.2f | %s | %s |%n",
                    name,
                    median(own.stream()
                                    .mapToDouble(UdpRatioTable.Window::receiveRate)
                                    .toArray())
                            / 1e3,
                    median(own.stream()
                                    .mapToDouble(UdpRatioTable.Window::senderCpuNanosPerDatagram)
                                    .toArray())
                            / 1e3,
                    name.equals("raw") ? "1" : spread(ratios(own, windows.get(0))),
                    name.equals("bc-dtls") ? spread(bcOverJdk) : "");
        }
        out.printf(
                Locale.ROOT,
                "%nbc-dtls/jdk-dtls received rate at %d B: %.2f (median of %d rounds, %d ms windows)%n",
                payload,
                median(bcOverJdk),
                bcOverJdk.length,
                windowMillis);
        out.flush();
        return bcOverJdk;
    }

    /** Per-round ratios of received rates, leaving out rounds where the base received nothing. */
    static double[] ratios(List<UdpRatioTable.Window> own, List<UdpRatioTable.Window> base) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(own.size(), base.size()); i++) {
            double b = base.get(i).receiveRate();
            if (b > 0) {
                ratios.add(own.get(i).receiveRate() / b);
            }
        }
        return ratios.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double median(double[] values) {
        return quantile(values, 0.5);
    }

    private static double quantile(double[] values, double q) {
        double[] finite =
                Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return Double.NaN;
        }
        double at = q * (finite.length - 1);
        int low = (int) Math.floor(at);
        int high = (int) Math.ceil(at);
        return finite[low] + (finite[high] - finite[low]) * (at - low);
    }

    private static String spread(double[] ratios) {
        return String.format(
                Locale.ROOT, "%.2f [%.2f, %.2f]", median(ratios), quantile(ratios, 0.25), quantile(ratios, 0.75));
    }
}
