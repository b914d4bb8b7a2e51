package dev.gossip.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One row of the race table.
 *
 * @param system the system's name
 * @param nodes cluster size
 * @param runs counted runs
 * @param incomplete runs in which some member had not delivered after the timeout
 * @param millis time to all, per complete run
 * @param messages dissemination messages over all counted runs
 * @param deliveries first deliveries over all counted runs
 * @param joinSeconds time to start the members and see the cluster formed
 * @param note the cluster's remark after the runs
 */
record RaceResult(
        String system,
        int nodes,
        int runs,
        int incomplete,
        List<Double> millis,
        long messages,
        long deliveries,
        double joinSeconds,
        String note) {

    static final String HEADER = String.format(
            Locale.ROOT,
            "| %-36s | %4s | %9s | %10s | %10s | %12s | %7s |",
            "system",
            "N",
            "complete",
            "median ms",
            "p90 ms",
            "msgs/deliv.",
            "form s");
    static final String RULE =
            "|" + "-".repeat(38) + "|-----:|----------:|-----------:|-----------:|-------------:|--------:|";

    double median() {
        return percentile(0.5);
    }

    double p90() {
        return percentile(0.9);
    }

    /** Nearest-rank percentile of the complete runs; NaN if none completed. */
    double percentile(double p) {
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    double messagesPerDelivery() {
        return deliveries == 0 ? Double.NaN : (double) messages / deliveries;
    }

    String row() {
        return String.format(
                Locale.ROOT,
                "| %-36s | %4d | %4d / %2d | %10.2f | %10.2f | %12.2f | %7.1f |",
                system,
                nodes,
                runs - incomplete,
                runs,
                median(),
                p90(),
                messagesPerDelivery(),
                joinSeconds);
    }
}
