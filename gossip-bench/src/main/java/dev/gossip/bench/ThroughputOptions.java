package dev.gossip.bench;

import dev.gossip.TransportConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link ThroughputMain} measures; {@link #parse} reads {@code --name value} pairs.
 *
 * @param sizes cluster sizes, each at least {@code senders}
 * @param systems {@code flood}, {@code tree}, {@code jgroups}, in the order run
 * @param rates the offered loads, messages per second over all senders, climbed in this order
 *     until a step delivers less than 99.9 %
 * @param step how long each step sends
 * @param drain how long after a step's last send its deliveries are still counted (less if all arrived)
 * @param settle a pause after the drain, still counted for datagrams and CPU (the last announcements
 *     and acknowledgements leave), before the next step
 * @param warmup load at the first rate before the first step, not reported
 * @param senders sending threads, each broadcasting from its own member
 * @param payloadBytes bytes per message, at least {@link ThroughputRecorder#HEADER_BYTES}
 * @param csv CSV instead of the table
 * @param seed the senders' members and our nodes' randomness
 * @param jgroupsPort JGroups' first TCP port, member i on port + i; 0 for free ports found at start
 * @param linger our nodes' {@link dev.gossip.DisseminationConfig#linger()}: zero (the local preset's)
 *     sends every frame at the end of the input that queued it; above zero frames to one destination
 *     wait for each other up to this long and share datagrams
 * @param datagramBytes our nodes' {@link dev.gossip.TransportConfig#maxDatagramBytes()}, the most
 *     frames one datagram may carry; 0 for the local preset's (1,400). On loopback up to 65,507
 * @param graftTimeout our tree's {@link dev.gossip.DisseminationConfig#graftTimeout()}; zero for the
 *     local preset's (60 ms)
 */
record ThroughputOptions(
        int[] sizes,
        List<String> systems,
        int[] rates,
        Duration step,
        Duration drain,
        Duration settle,
        Duration warmup,
        int senders,
        int payloadBytes,
        boolean csv,
        long seed,
        int jgroupsPort,
        Duration linger,
        int datagramBytes,
        Duration graftTimeout) {

    static final List<String> ALL_SYSTEMS = List.of("flood", "tree", "jgroups");
    static final int[] DEFAULT_SIZES = {20, 50};
    static final int[] DEFAULT_RATES = {
        250, 350, 500, 700, 1_000, 1_400, 2_000, 2_800, 4_000, 5_600, 8_000, 11_000, 16_000, 22_000, 32_000, 45_000,
        64_000, 90_000, 128_000
    };

    static final String USAGE = "usage: ThroughputMain [--nodes 20,50] [--systems flood,tree,jgroups]"
            + " [--rates 250,350,500,...,128000] [--step 4s] [--drain 500ms] [--settle 200ms] [--warmup 2s]"
            + " [--senders 5] [--payload 256] [--format table|csv] [--seed 42] [--jgroups-port 0] [--linger 0ms]"
            + " [--datagram-bytes 0] [--graft-timeout 0ms]";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    ThroughputOptions {
        systems = List.copyOf(systems);
        if (sizes.length == 0) {
            throw new IllegalArgumentException("--nodes needs at least one size");
        }
        if (senders < 1) {
            throw new IllegalArgumentException("--senders must be at least 1, was " + senders);
        }
        for (int n : sizes) {
            if (n < 2 || n < senders) {
                throw new IllegalArgumentException(
                        "--nodes: each size must be at least 2 and at least --senders (" + senders + "), was " + n);
            }
        }
        if (systems.isEmpty() || !ALL_SYSTEMS.containsAll(systems)) {
            throw new IllegalArgumentException(
                    "--systems must be among " + String.join(",", ALL_SYSTEMS) + ", was " + String.join(",", systems));
        }
        if (rates.length == 0 || Arrays.stream(rates).anyMatch(r -> r < 1)) {
            throw new IllegalArgumentException(
                    "--rates must be positive messages per second, was " + Arrays.toString(rates));
        }
        positive("--step", step);
        notNegative("--drain", drain);
        notNegative("--settle", settle);
        notNegative("--warmup", warmup);
        notNegative("--linger", linger);
        notNegative("--graft-timeout", graftTimeout);
        if (datagramBytes != 0
                && (datagramBytes < TransportConfig.MIN_DATAGRAM_BYTES
                        || datagramBytes > TransportConfig.MAX_DATAGRAM_BYTES)) {
            throw new IllegalArgumentException("--datagram-bytes must be 0 (the preset's) or "
                    + TransportConfig.MIN_DATAGRAM_BYTES + ".." + TransportConfig.MAX_DATAGRAM_BYTES + ", was "
                    + datagramBytes);
        }
        if (payloadBytes < ThroughputRecorder.HEADER_BYTES || payloadBytes > 1_024) {
            throw new IllegalArgumentException(
                    "--payload must be " + ThroughputRecorder.HEADER_BYTES + "..1024 bytes, was " + payloadBytes);
        }
        if (jgroupsPort < 0 || jgroupsPort > 65_535) {
            throw new IllegalArgumentException("--jgroups-port must be 0..65535, was " + jgroupsPort);
        }
    }

    /**
     * @param args {@code --name value} pairs
     * @return the options, defaults for those absent
     * @throws IllegalArgumentException naming the option, for an unknown option, a missing or bad value
     */
    static ThroughputOptions parse(String... args) {
        int[] sizes = DEFAULT_SIZES;
        List<String> systems = ALL_SYSTEMS;
        int[] rates = DEFAULT_RATES;
        Duration step = Duration.ofSeconds(4);
        Duration drain = Duration.ofMillis(500);
        Duration settle = Duration.ofMillis(200);
        Duration warmup = Duration.ofSeconds(2);
        int senders = 5;
        int payload = 256;
        boolean csv = false;
        long seed = 42;
        int jgroupsPort = 0;
        Duration linger = Duration.ZERO;
        int datagramBytes = 0;
        Duration graftTimeout = Duration.ZERO;
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[i + 1].trim();
            try {
                switch (option) {
                    case "--nodes" -> sizes = ints(value);
                    case "--systems" ->
                        systems = Arrays.stream(value.split(","))
                                .map(String::trim)
                                .toList();
                    case "--rates" -> rates = ints(value);
                    case "--step" -> step = duration(option, value);
                    case "--drain" -> drain = duration(option, value);
                    case "--settle" -> settle = duration(option, value);
                    case "--warmup" -> warmup = duration(option, value);
                    case "--senders" -> senders = Integer.parseInt(value);
                    case "--payload" -> payload = Integer.parseInt(value);
                    case "--format" ->
                        csv = switch (value) {
                            case "csv" -> true;
                            case "table" -> false;
                            default ->
                                throw new IllegalArgumentException(
                                        "--format must be table or csv, was '" + value + "'");
                        };
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--jgroups-port" -> jgroupsPort = Integer.parseInt(value);
                    case "--linger" -> linger = duration(option, value);
                    case "--datagram-bytes" -> datagramBytes = Integer.parseInt(value);
                    case "--graft-timeout" -> graftTimeout = duration(option, value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": not a number: '" + value + "'");
            }
        }
        return new ThroughputOptions(
                sizes,
                systems,
                rates,
                step,
                drain,
                settle,
                warmup,
                senders,
                payload,
                csv,
                seed,
                jgroupsPort,
                linger,
                datagramBytes,
                graftTimeout);
    }

    private static int[] ints(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .mapToInt(Integer::parseInt)
                .toArray();
    }

    private static Duration duration(String option, String value) {
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    option + ": expected a duration such as 500ms, 4s or 1m, was '" + value + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    private static void positive(String option, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(option + " must be positive, was " + value.toMillis() + "ms");
        }
    }

    private static void notNegative(String option, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(option + " must not be negative, was " + value.toMillis() + "ms");
        }
    }
}
