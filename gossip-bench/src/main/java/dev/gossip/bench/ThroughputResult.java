package dev.gossip.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One step of the throughput race: one system at one size and one offered rate.
 *
 * @param system {@code flood}, {@code tree} or {@code jgroups}
 * @param nodes cluster size
 * @param offeredPerSecond the offered load, messages per second over all senders
 * @param offered messages the step should have sent: rate × step duration
 * @param sent messages the senders managed to send within the step
 * @param deliveries first deliveries of the step's messages, each member but the sender, counted
 *     until the drain ended
 * @param p50Millis median latency of those deliveries, from the time the message was due to be sent
 *     to the delivery, in milliseconds
 * @param p99Millis their 99th percentile
 * @param transportMessages datagrams (ours) or TCP transmissions (JGroups) from the step's start
 *     to the end of its settle
 * @param cpuNanos process CPU time over the same window
 * @param counters the system's own counters that moved over the same window ({@link LoadCluster#counters}),
 *     by name
 */
record ThroughputResult(
        String system,
        int nodes,
        int offeredPerSecond,
        long offered,
        long sent,
        long deliveries,
        double p50Millis,
        double p99Millis,
        long transportMessages,
        long cpuNanos,
        Map<String, Long> counters) {

    ThroughputResult {
        counters = Map.copyOf(counters);
    }

    /** The CSV header, exactly. */
    static final String CSV_HEADER =
            "system,nodes,offered_per_s,delivered_ratio,p50_ms,p99_ms,datagrams_per_delivery,cpu_us_per_delivery";

    /** A step is sustained when at least this share of the offered deliveries happened. */
    static final double SUSTAINED_RATIO = 0.999;

    static final String TABLE_HEADER = String.format(
            Locale.ROOT,
            "| %-7s | %3s | %10s | %8s | %11s | %9s | %9s | %10s | %10s |",
            "system",
            "N",
            "offered/s",
            "sent %",
            "delivered %",
            "p50 ms",
            "p99 ms",
            "dgrams/dlv",
            "CPU µs/dlv");
    static final String TABLE_RULE =
            "|---------|----:|-----------:|---------:|------------:|----------:|----------:|-----------:|-----------:|";

    /** @return deliveries over the offered messages times the members that should deliver each (N - 1) */
    double deliveredRatio() {
        long expected = offered * (nodes - 1L);
        return expected == 0 ? 1.0 : (double) deliveries / expected;
    }

    boolean sustained() {
        return deliveredRatio() >= SUSTAINED_RATIO;
    }

    double datagramsPerDelivery() {
        return deliveries == 0 ? Double.NaN : (double) transportMessages / deliveries;
    }

    double cpuMicrosPerDelivery() {
        return deliveries == 0 ? Double.NaN : cpuNanos / 1e3 / deliveries;
    }

    double sentShare() {
        return offered == 0 ? 1.0 : (double) sent / offered;
    }

    String csv() {
        return String.format(
                Locale.ROOT,
                "%s,%d,%d,%.5f,%.3f,%.3f,%.3f,%.2f",
                system,
                nodes,
                offeredPerSecond,
                deliveredRatio(),
                p50Millis,
                p99Millis,
                datagramsPerDelivery(),
                cpuMicrosPerDelivery());
    }

    String tableRow() {
        return String.format(
                Locale.ROOT,
                "| %-7s | %3d | %10d | %8.1f | %11.3f | %9.2f | %9.2f | %10.2f | %10.1f |",
                system,
                nodes,
                offeredPerSecond,
                100 * sentShare(),
                100 * deliveredRatio(),
                p50Millis,
                p99Millis,
                datagramsPerDelivery(),
                cpuMicrosPerDelivery());
    }

    String progress() {
        return String.format(
                Locale.ROOT,
                "throughput: %s N=%d %d msgs/s: sent %.1f%%, delivered %.3f%%, p50 %.2f ms,"
                        + " p99 %.2f ms, %.2f datagrams and %.1f µs CPU per delivery: %s%s",
                system,
                nodes,
                offeredPerSecond,
                100 * sentShare(),
                100 * deliveredRatio(),
                p50Millis,
                p99Millis,
                datagramsPerDelivery(),
                cpuMicrosPerDelivery(),
                sustained() ? "sustained" : "NOT sustained",
                counters.isEmpty() ? "" : "; counters " + new TreeMap<>(counters));
    }
}
