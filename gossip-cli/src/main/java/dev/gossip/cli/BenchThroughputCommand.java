package dev.gossip.cli;

import dev.gossip.TransportConfig;
import io.micronaut.context.annotation.Prototype;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gossip bench throughput}: checks the flags, then runs {@value #THROUGHPUT_MAIN} from
 * benchmarks.jar in a child JVM with them.
 */
@Prototype
@Command(
        name = "throughput",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Runs the sustained-throughput race: flood, tree and JGroups under rising load.",
        description = {
            "For each --nodes size and each system, starts N members in one JVM on 127.0.0.1 (ours: the "
                    + "local preset with flood or tree dissemination, joining through member 0, and what "
                    + "--linger, --datagram-bytes and --graft-timeout change of it; jgroups: "
                    + "JGroups 5.5.7 over TCP with TCPPING and its default bundler), makes every member "
                    + "broadcast once, one at a time, runs the first rate for --warmup (not reported), then climbs --rates: "
                    + "each step offers RATE x --step messages of --payload bytes from --senders threads, each "
                    + "broadcasting from its own member (seeded), evenly spread over the step. A step's "
                    + "deliveries (first receipts at every member but the sender) count until all arrived or "
                    + "--drain after the last send; a sender still behind a tenth of a step after the step "
                    + "sends no more, and what it did not send counts as not delivered. The climb stops at "
                    + "the first step that delivers less than 99.9%% of RATE x step x (N - 1).",
            "",
            "Per step: delivered_ratio; p50_ms and p99_ms, from the time each message was due to the "
                    + "delivery (a sender held up by the system adds its wait); datagrams_per_delivery, "
                    + "for ours every datagram the nodes sent (heartbeats included), for JGroups every TCP "
                    + "transmission its transports received as counted by their own statistics "
                    + "(TP.getMessageStats(): single messages plus message batches, a batch of messages in "
                    + "one write counting once); cpu_us_per_delivery, the process CPU time "
                    + "(OperatingSystemMXBean) over the step, its drain and --settle, divided by the "
                    + "deliveries. Progress goes to stderr, a line per step with the tree's grafts, prunes "
                    + "and drops; the table (or CSV with --format csv) to stdout, ending with one line "
                    + "'max sustained: SYSTEM N RATE msgs/s' per system and size (0 if even the first step "
                    + "fell short).",
            "",
            "The default run (N = 20 and 50, all three systems, steps of 4 s) takes about 5-8 minutes "
                    + "on 2 cores, most of it JGroups climbing to its higher rates; it runs in a child JVM "
                    + "from benchmarks.jar (found as for 'gossip bench'; --jar goes before 'throughput')."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gossip bench throughput",
            "  gossip bench throughput --nodes 50 --systems flood,tree --format csv",
            "  gossip bench throughput --nodes 5 --rates 200 --step 1s --format csv",
            "  gossip bench throughput --nodes 50 --linger 1ms --datagram-bytes 65507 --graft-timeout 200ms",
            "",
            "Exit codes:",
            "  0  the race ran",
            "  1  benchmarks.jar not found or without the race, or a system failed to run",
            "  2  usage error"
        })
final class BenchThroughputCommand implements Callable<Integer> {

    /** The throughput race's entry point. */
    static final String THROUGHPUT_MAIN = "dev.gossip.bench.ThroughputMain";

    private static final Set<String> SYSTEMS = Set.of("flood", "tree", "jgroups");

    @Spec
    CommandSpec spec;

    @ParentCommand
    BenchCommand parent;

    @Option(
            names = "--nodes",
            paramLabel = "N",
            split = ",",
            defaultValue = "20,50",
            description = "Cluster sizes, each at least 2 and at least --senders. Default: ${DEFAULT-VALUE}.")
    List<Integer> nodes;

    @Option(
            names = "--systems",
            paramLabel = "S",
            split = ",",
            defaultValue = "flood,tree,jgroups",
            description = "Systems, in the order run: flood, tree, jgroups. Default: ${DEFAULT-VALUE}.")
    List<String> systems;

    @Option(
            names = "--rates",
            paramLabel = "R",
            split = ",",
            defaultValue =
                    "250,350,500,700,1000,1400,2000,2800,4000,5600,8000,11000,16000,22000,32000,45000,64000,90000,128000",
            description = "Offered loads in messages per second over all senders, climbed in this order. "
                    + "Default: ${DEFAULT-VALUE}.")
    List<Integer> rates;

    @Option(
            names = "--step",
            paramLabel = "DURATION",
            defaultValue = "4s",
            converter = DurationConverter.class,
            description = "How long each step sends. Default: ${DEFAULT-VALUE}.")
    Duration step;

    @Option(
            names = "--drain",
            paramLabel = "DURATION",
            defaultValue = "500ms",
            converter = ZeroOrDurationConverter.class,
            description = "How long deliveries still count after a step's last send (less if all "
                    + "arrived). Default: ${DEFAULT-VALUE}.")
    Duration drain;

    @Option(
            names = "--settle",
            paramLabel = "DURATION",
            defaultValue = "200ms",
            converter = ZeroOrDurationConverter.class,
            description = "Pause after the drain, still counted for datagrams and CPU, before the next "
                    + "step. Default: ${DEFAULT-VALUE}.")
    Duration settle;

    @Option(
            names = "--warmup",
            paramLabel = "DURATION",
            defaultValue = "2s",
            converter = ZeroOrDurationConverter.class,
            description = "Load at the first rate before the first step, not reported; 0 for none. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(
            names = "--senders",
            paramLabel = "N",
            defaultValue = "5",
            description = "Sending threads, each on its own member. Default: ${DEFAULT-VALUE}.")
    int senders;

    @Option(
            names = "--payload",
            paramLabel = "BYTES",
            defaultValue = "256",
            description = "Bytes per message, 24 to 1024. Default: ${DEFAULT-VALUE}.")
    int payload;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table or csv. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "42",
            description = "Seed of the senders' members and of our nodes. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--jgroups-port",
            paramLabel = "PORT",
            defaultValue = "0",
            description =
                    "JGroups' first TCP port (member i on PORT + i); 0 for free ports. " + "Default: ${DEFAULT-VALUE}.")
    int jgroupsPort;

    @Option(
            names = "--linger",
            paramLabel = "DURATION",
            defaultValue = "0",
            converter = ZeroOrDurationConverter.class,
            description = "Our nodes' dissemination linger: how long frames to one destination may wait "
                    + "to share a datagram (the local preset: 0, none). Default: ${DEFAULT-VALUE}.")
    Duration linger;

    @Option(
            names = "--datagram-bytes",
            paramLabel = "BYTES",
            defaultValue = "0",
            description = "Our nodes' largest datagram, so the most frames one may carry: 64 to 65507, "
                    + "or 0 for the local preset's (1400). On loopback 65507 lets a linger bundle as "
                    + "JGroups' TCP writes do. Default: ${DEFAULT-VALUE}.")
    int datagramBytes;

    @Option(
            names = "--graft-timeout",
            paramLabel = "DURATION",
            defaultValue = "0",
            converter = ZeroOrDurationConverter.class,
            description = "Our tree's graft timeout, or 0 for the local preset's (60ms). Default: ${DEFAULT-VALUE}.")
    Duration graftTimeout;

    @Override
    public Integer call() {
        List<String> args = mainArgs();
        return BenchJar.locate(parent.jar)
                .run(
                        "gossip bench throughput",
                        "throughput race",
                        THROUGHPUT_MAIN,
                        args,
                        spec.commandLine().getErr());
    }

    /**
     * @return the arguments for {@value #THROUGHPUT_MAIN}, every flag spelled out
     * @throws ParameterException naming the flag, if a value is out of range
     */
    List<String> mainArgs() {
        check(
                nodes.stream().allMatch(n -> n >= 2 && n >= senders),
                "--nodes: each size must be at least 2 and at least --senders (" + senders + "), was " + nodes);
        check(
                systems.stream().allMatch(SYSTEMS::contains),
                "--systems must be among flood, tree, jgroups, was " + String.join(",", systems));
        check(rates.stream().allMatch(r -> r >= 1), "--rates must be positive messages per second, was " + rates);
        check(senders >= 1, "--senders must be at least 1, was " + senders);
        check(payload >= 24 && payload <= 1024, "--payload must be 24..1024 bytes, was " + payload);
        check(format.equals("table") || format.equals("csv"), "--format must be table or csv, was '" + format + "'");
        check(jgroupsPort >= 0 && jgroupsPort <= 65_535, "--jgroups-port must be 0..65535, was " + jgroupsPort);
        check(
                datagramBytes == 0
                        || (datagramBytes >= TransportConfig.MIN_DATAGRAM_BYTES
                                && datagramBytes <= TransportConfig.MAX_DATAGRAM_BYTES),
                "--datagram-bytes must be 0 (the preset's) or " + TransportConfig.MIN_DATAGRAM_BYTES + ".."
                        + TransportConfig.MAX_DATAGRAM_BYTES + ", was " + datagramBytes);
        List<String> args = new ArrayList<>();
        args.addAll(List.of("--nodes", join(nodes), "--systems", String.join(",", systems), "--rates", join(rates)));
        args.addAll(List.of(
                "--step",
                millis(step),
                "--drain",
                millis(drain),
                "--settle",
                millis(settle),
                "--warmup",
                millis(warmup)));
        args.addAll(List.of(
                "--senders",
                Integer.toString(senders),
                "--payload",
                Integer.toString(payload),
                "--format",
                format,
                "--seed",
                Long.toString(seed),
                "--jgroups-port",
                Integer.toString(jgroupsPort),
                "--linger",
                millis(linger),
                "--datagram-bytes",
                Integer.toString(datagramBytes),
                "--graft-timeout",
                millis(graftTimeout)));
        return args;
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + "ms";
    }

    private void check(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
