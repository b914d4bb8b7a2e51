package dev.gossip.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** Formats a demo's result; pure functions, unit-tested. */
final class DemoReport {

    private static final int MISSING_SHOWN = 5;

    private DemoReport() {}

    static void print(PrintWriter out, DemoSettings settings, DemoResult r) {
        out.printf(
                Locale.ROOT,
                "joined: %d/%d nodes in %.2f s%n",
                settings.nodes(),
                settings.nodes(),
                r.joinNanos() / 1e9);
        out.println(deliveryLine(r.delivered(), r.expected()));
        out.printf(
                Locale.ROOT,
                "duplicates: %d, unexpected: %d, delivered in %.2f s%n",
                r.duplicates(),
                r.unexpected(),
                r.deliveryNanos() / 1e9);
        long[] lat = r.latencyNanos();
        if (lat.length > 0) {
            out.printf(
                    Locale.ROOT,
                    "latency ms: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f%n",
                    percentile(lat, 50) / 1e6,
                    percentile(lat, 90) / 1e6,
                    percentile(lat, 99) / 1e6,
                    lat[lat.length - 1] / 1e6);
        }
        int[] views = r.viewSizes();
        double expectedView = (settings.c() + 1) * Math.log(settings.nodes());
        out.printf(
                Locale.ROOT,
                "partial view: mean %.2f (min %d, max %d) vs (c+1)*ln N = %.2f%n",
                mean(views),
                Arrays.stream(views).min().orElse(0),
                Arrays.stream(views).max().orElse(0),
                expectedView);
        long deliveries = Math.max(1, r.delivered());
        out.printf(
                Locale.ROOT,
                "datagrams per delivery: %.2f gossip, %.2f all "
                        + "(%d gossip and %d in all sent while broadcasting)%n",
                (double) r.gossipDatagrams() / deliveries,
                (double) r.allDatagrams() / deliveries,
                r.gossipDatagrams(),
                r.allDatagrams());
        out.println("membership totals: " + nonZero(r.membershipCounters()));
        out.println("drops: " + nonZero(r.drops()));
        if (!r.complete()) {
            printMissing(out, r.missingByMessage());
        }
    }

    /**
     * @param delivered deliveries counted
     * @param expected deliveries expected
     * @return {@code delivery: D/E (P%)}, P rounded down to two decimals so that 100.00% means all
     */
    static String deliveryLine(long delivered, long expected) {
        double percent = expected == 0 ? 100.0 : Math.floor(delivered * 10_000.0 / expected) / 100.0;
        return String.format(Locale.ROOT, "delivery: %d/%d (%.2f%%)", delivered, expected, percent);
    }

    /**
     * Nearest-rank percentile.
     *
     * @param sorted values in ascending order, at least one
     * @param p percentile, above 0 and at most 100
     * @return the smallest value with at least p% of the values at or below it
     */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    static String failure(DemoSettings settings, DemoResult r) {
        if (r.delivered() < r.expected()) {
            return "incomplete delivery: " + (r.expected() - r.delivered()) + " of " + r.expected()
                    + " deliveries missing after " + settings.timeout() + " (seed " + settings.seed() + ")";
        }
        return r.duplicates() + " duplicate and " + r.unexpected() + " unexpected deliveries (seed " + settings.seed()
                + ")";
    }

    private static void printMissing(PrintWriter out, int[] missingByMessage) {
        int shown = 0;
        for (int m = 0; m < missingByMessage.length && shown < MISSING_SHOWN; m++) {
            if (missingByMessage[m] > 0) {
                out.printf(Locale.ROOT, "missing: message %d at %d nodes%n", m, missingByMessage[m]);
                shown++;
            }
        }
    }

    /** @return {@code name value, ...} for the non-zero entries, or {@code none} */
    static String nonZero(Map<String, Long> counters) {
        StringBuilder text = new StringBuilder();
        counters.forEach((name, value) -> {
            if (value != 0) {
                text.append(text.length() == 0 ? "" : ", ")
                        .append(name)
                        .append(' ')
                        .append(value);
            }
        });
        return text.length() == 0 ? "none" : text.toString();
    }

    private static double mean(int[] values) {
        return values.length == 0 ? 0 : Arrays.stream(values).average().orElse(0);
    }
}
