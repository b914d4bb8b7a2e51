package dev.gossip.cli;

import io.micronaut.context.annotation.Prototype;
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

/** {@code gossip bench race}: checks the flags, then runs {@value #RACE_MAIN} from benchmarks.jar in a child JVM. */
@Prototype
@Command(
        name = "race",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Runs the latency race (dev.gossip.bench.RaceMain): one broadcast until all delivered.",
        description = {
            "For each --nodes size and each system, starts N members in one JVM on 127.0.0.1, makes "
                    + "every member broadcast once (warm-up), then times --runs broadcasts of 64 bytes from "
                    + "seeded random members, one at a time: from the broadcast call until the last member "
                    + "delivered (median and p90), and the dissemination messages sent per delivery; a run "
                    + "not complete after 10 s counts as incomplete, and after 3 in a row so do the "
                    + "system's remaining runs. "
                    + "Systems: gossip-flood and gossip-tree (ours, local preset, flood or tree "
                    + "dissemination, joining through member 0), gossip-any (the tree, joining through "
                    + "random members), scalecube-default and scalecube-local (ScaleCube 2.7.10), jgroups "
                    + "(JGroups 5.5.7, TCP); gossip is gossip-tree.",
            "",
            "Each system's row is printed on stderr as soon as it finishes, the table and the "
                    + "comparisons on stdout at the end. The default (N = 10 and 50, four systems, 10 "
                    + "runs) takes about 3-4 minutes on 2 cores, two thirds of it ScaleCube (a few seconds "
                    + "per run until its gossip stops) and JGroups forming 50 members; scalecube-local "
                    + "takes 20-30 s more to form at N = 50. It runs in a child JVM from benchmarks.jar (found as for 'gossip bench'; "
                    + "--jar goes before 'race'); if the jar does not contain the race, this says so and "
                    + "exits 1."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gossip bench race",
            "  gossip bench race --nodes 50 --runs 30 --systems gossip-flood,gossip-tree,jgroups",
            "  gossip bench --jar gossip-bench/target/benchmarks.jar race",
            "",
            "Exit codes:",
            "  0  the race ran",
            "  1  benchmarks.jar not found, or it has no " + BenchRaceCommand.RACE_MAIN,
            "  2  usage error"
        })
final class BenchRaceCommand implements Callable<Integer> {

    /** The perf helper's race entry point. */
    static final String RACE_MAIN = "dev.gossip.bench.RaceMain";

    private static final Set<String> SYSTEMS = Set.of(
            "gossip", "gossip-flood", "gossip-tree", "gossip-any", "scalecube-default", "scalecube-local", "jgroups");

    @Spec
    CommandSpec spec;

    @ParentCommand
    BenchCommand parent;

    @Option(
            names = "--nodes",
            paramLabel = "N",
            split = ",",
            defaultValue = "10,50",
            description = "Cluster sizes, each at least 2. Default: ${DEFAULT-VALUE}.")
    List<Integer> nodes;

    @Option(
            names = "--runs",
            paramLabel = "R",
            defaultValue = "10",
            description = "Timed broadcasts per system and size. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(
            names = "--systems",
            paramLabel = "S",
            split = ",",
            defaultValue = "gossip-flood,gossip-tree,jgroups,scalecube-default",
            description = "Systems, in the order run: gossip-flood, gossip-tree, gossip-any, "
                    + "scalecube-default, scalecube-local, jgroups. Default: ${DEFAULT-VALUE}.")
    List<String> systems;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "42",
            description = "Seed of the origins, the join contacts and our nodes. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--jgroups-port",
            paramLabel = "PORT",
            defaultValue = "0",
            description =
                    "JGroups' first TCP port (member i on PORT + i); 0 for free ports. " + "Default: ${DEFAULT-VALUE}.")
    int jgroupsPort;

    @Override
    public Integer call() {
        return BenchJar.locate(parent.jar)
                .run(
                        "gossip bench race",
                        "race benchmark",
                        RACE_MAIN,
                        mainArgs(),
                        spec.commandLine().getErr());
    }

    /**
     * @return the arguments for {@value #RACE_MAIN}, every flag spelled out
     * @throws ParameterException naming the flag, if a value is out of range
     */
    List<String> mainArgs() {
        check(nodes.stream().allMatch(n -> n >= 2), "--nodes: each size must be at least 2, was " + nodes);
        check(runs >= 1, "--runs must be at least 1, was " + runs);
        check(
                systems.stream().allMatch(SYSTEMS::contains),
                "--systems must be among gossip-flood, gossip-tree,"
                        + " gossip-any, scalecube-default, scalecube-local, jgroups, was " + String.join(",", systems));
        check(jgroupsPort >= 0 && jgroupsPort <= 65_535, "--jgroups-port must be 0..65535, was " + jgroupsPort);
        List<String> args = new ArrayList<>();
        args.addAll(List.of(
                "--nodes",
                nodes.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--runs",
                Integer.toString(runs),
                "--systems",
                String.join(",", systems),
                "--seed",
                Long.toString(seed),
                "--jgroups-port",
                Integer.toString(jgroupsPort)));
        return args;
    }

    private void check(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
