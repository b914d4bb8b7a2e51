package dev.gossip.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The windows {@link UdpRatioMain} measured for one payload size, and the table printed from them:
 * per path the median send and receive rates, the loss over all its windows, and the per-round
 * ratio to the raw window of the same round (median and interquartile range over rounds). A ratio
 * is taken within one round only, so load that drifts over the run moves both sides of it.
 */
final class UdpRatioTable {

    /**
     * One measured window: datagrams sent and received, how long the sending took, and the CPU
     * time the sending thread and the whole process used meanwhile (the drain included for the
     * process), which other work on the machine does not inflate as much as the wall time.
     */
    record Window(long sent, long received, double seconds, long senderCpuNanos, long processCpuNanos) {
        double sendRate() {
            return sent / seconds;
        }

        double receiveRate() {
            return received / seconds;
        }

        double senderCpuNanosPerDatagram() {
            return sent == 0 ? Double.NaN : (double) senderCpuNanos / sent;
        }

        double processCpuNanosPerDatagram() {
            return sent == 0 ? Double.NaN : (double) processCpuNanos / sent;
        }
    }

    /** The target the issue sets: a path's received rate at least this share of raw's. */
    static final double TARGET = 0.80;
    /** The target for {@code dtls}, which encrypts every datagram: half of raw's rate. */
    static final double DTLS_TARGET = 0.50;

    /** @return the target share of raw's received rate for {@code path} */
    static double target(String path) {
        return path.equals("dtls") ? DTLS_TARGET : TARGET;
    }

    private final int payloadBytes;
    private final Map<String, List<Window>> windows = new LinkedHashMap<>();

    UdpRatioTable(int payloadBytes) {
        this.payloadBytes = payloadBytes;
        UdpPath.NAMES.forEach(name -> windows.put(name, new ArrayList<>()));
    }

    /** The windows of {@code path}: the constructor made a list for every path name. */
    private List<Window> windowsOf(String path) {
        return Objects.requireNonNull(windows.get(path), () -> "unknown path " + path);
    }

    int payloadBytes() {
        return payloadBytes;
    }

    /** Records the window of {@code path} in the current round (each round adds one per path). */
    void add(String path, Window window) {
        windowsOf(path).add(window);
    }

    int rounds() {
        return windowsOf("raw").size();
    }

    /**
     * @return the per-round ratios of {@code path}'s send (or receive) rate to raw's, leaving out
     *     rounds where raw sent (or received) nothing: on a loaded machine a short window can pass
     *     with the receiver never scheduled, and that round has no ratio
     */
    double[] ratios(String path, boolean received) {
        List<Window> raw = windowsOf("raw");
        List<Window> own = windowsOf(path);
        double[] ratios = new double[own.size()];
        int n = 0;
        for (int i = 0; i < ratios.length; i++) {
            double base = received ? raw.get(i).receiveRate() : raw.get(i).sendRate();
            if (base > 0) {
                ratios[n++] = (received ? own.get(i).receiveRate() : own.get(i).sendRate()) / base;
            }
        }
        return Arrays.copyOf(ratios, n);
    }

    /** @return the median send (or receive) rate of {@code path} over its windows, per second */
    double medianRate(String path, boolean received) {
        return quantile(
                windowsOf(path).stream()
                        .mapToDouble(w -> received ? w.receiveRate() : w.sendRate())
                        .toArray(),
                0.5);
    }

    /** @return the median sender-thread (or whole-process) CPU time per datagram of {@code path}, ns */
    double medianCpuNanos(String path, boolean process) {
        return quantile(
                windowsOf(path).stream()
                        .mapToDouble(w -> process ? w.processCpuNanosPerDatagram() : w.senderCpuNanosPerDatagram())
                        .toArray(),
                0.5);
    }

    /** @return the share of the datagrams {@code path} sent in all its windows that never arrived */
    double loss(String path) {
        long sent = windowsOf(path).stream().mapToLong(Window::sent).sum();
        long received = windowsOf(path).stream().mapToLong(Window::received).sum();
        return sent == 0 ? 0 : 1 - (double) received / sent;
    }

    /** @return the table in Markdown, a heading line first */
    String format(long windowMillis) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "payload %d B: %d rounds of one %d ms window per path,"
                        + " order rotated each round; ratio = median [p25, p75] over rounds%n",
                payloadBytes,
                rounds(),
                windowMillis));
        out.append("| path | sent k/s | received k/s | loss % | sent / raw | received / raw"
                + " | sender CPU ns/dgram | process CPU ns/dgram |\n");
        out.append("|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (String path : windows.keySet()) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %.2f | %s | %s | %.0f | %.0f |%n",
                    path,
                    medianRate(path, false) / 1e3,
                    medianRate(path, true) / 1e3,
                    100 * loss(path),
                    path.equals("raw") ? "1" : spread(ratios(path, false)),
                    path.equals("raw") ? "1" : spread(ratios(path, true)),
                    medianCpuNanos(path, false),
                    medianCpuNanos(path, true)));
        }
        return out.toString();
    }

    /** @return one line per non-raw path: its median received ratio against {@link #TARGET} */
    String targetLines() {
        StringBuilder out = new StringBuilder();
        for (String path : windows.keySet()) {
            if (!path.equals("raw")) {
                double[] ratios = ratios(path, true);
                if (ratios.length == 0) {
                    out.append(String.format(
                            Locale.ROOT,
                            "target %s/raw >= %.2f at %d B: n/a (raw received nothing in any round), NOT met%n",
                            path,
                            TARGET,
                            payloadBytes));
                    continue;
                }
                double median = quantile(ratios, 0.5);
                out.append(String.format(
                        Locale.ROOT,
                        "target %s/raw >= %.2f at %d B: %.2f, %s%n",
                        path,
                        target(path),
                        payloadBytes,
                        median,
                        median >= target(path) ? "met" : "NOT met"));
            }
        }
        return out.toString();
    }

    private static String spread(double[] values) {
        if (values.length == 0) {
            return "n/a";
        }
        return String.format(
                Locale.ROOT,
                "%.2f [%.2f, %.2f]",
                quantile(values, 0.5),
                quantile(values, 0.25),
                quantile(values, 0.75));
    }

    /** @return the {@code q} quantile of {@code values}, interpolated linearly between ranks */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = q * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
    }
}
