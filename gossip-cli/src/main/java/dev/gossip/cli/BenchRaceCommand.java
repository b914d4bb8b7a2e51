package dev.gossip.cli;

import io.micronaut.context.annotation.Prototype;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gossip bench race}: runs {@value #RACE_MAIN} from benchmarks.jar in a child JVM. */
@Prototype
@Command(name = "race",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Runs the race benchmark (dev.gossip.bench.RaceMain) from benchmarks.jar.",
        description = {
            "Runs 'java -cp benchmarks.jar " + BenchRaceCommand.RACE_MAIN + " ARGS' in a child JVM, "
                + "with stdin, stdout and stderr passed through; every argument is passed to it "
                + "unchanged ('gossip bench race -- --help' shows its own help). The jar is found "
                + "as for 'gossip bench' (--jar goes before 'race'). If the jar does not contain "
                + "the race, this says so and exits 1."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  gossip bench race",
            "  gossip bench --jar gossip-bench/target/benchmarks.jar race",
            "",
            "Exit codes:",
            "  0  the race ran",
            "  1  benchmarks.jar not found, or it has no " + BenchRaceCommand.RACE_MAIN,
            "  2  usage error",
            "  other  the race's own exit code"})
final class BenchRaceCommand implements Callable<Integer> {

    /** The perf helper's race entry point. */
    static final String RACE_MAIN = "dev.gossip.bench.RaceMain";

    @Spec
    CommandSpec spec;

    @ParentCommand
    BenchCommand parent;

    @Parameters(paramLabel = "ARG", arity = "0..*", description = "Passed to the race unchanged.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return BenchJar.locate(parent.jar).run("gossip bench race", "race benchmark", RACE_MAIN, args,
                spec.commandLine().getErr());
    }
}
