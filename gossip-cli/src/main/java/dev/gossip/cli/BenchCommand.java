package dev.gossip.cli;

import io.micronaut.context.annotation.Prototype;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gossip bench}: the JMH suite, run from gossip-bench's jar in a child JVM. */
@Prototype
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        subcommands = {BenchRaceCommand.class, BenchThroughputCommand.class, BenchUdpCommand.class},
        header = "Runs the JMH benchmark suite (or, with 'race', 'throughput' or 'udp', one of the others).",
        description = {
            "Runs gossip-bench's shaded jar, benchmarks.jar, in a child JVM (the same java that runs "
                    + "gossip) with stdin, stdout and stderr passed through: 'gossip bench ARGS' is "
                    + "'java -jar benchmarks.jar ARGS'. Every argument after the options below is "
                    + "passed to JMH unchanged, so all JMH options work (-f, -wi, -i, -t, -p, -rf, a "
                    + "benchmark regexp ...); put them after '--' when one collides with gossip's own "
                    + "(-h and -V: 'gossip bench -- -h' shows JMH's help). JMH shows its own progress.",
            "",
            "The jar is found at --jar, else $GOSSIP_BENCH_JAR, else gossip-bench/target/"
                    + "benchmarks.jar beside gossip.jar's module or under the current directory; "
                    + "build it with 'mvn -pl gossip-bench -am package'."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gossip bench -l",
            "  gossip bench -f 1 -wi 2 -i 3 HotPath",
            "  gossip bench -- -h",
            "  gossip bench race --help",
            "  gossip bench throughput --nodes 50",
            "  gossip bench udp --rounds 11",
            "",
            "Exit codes:",
            "  0  the benchmarks ran",
            "  1  benchmarks.jar not found, or could not be started",
            "  2  usage error",
            "  other  JMH's own exit code"
        })
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--jar", paramLabel = "PATH", description = "gossip-bench's benchmarks.jar.")
    @Nullable
    Path jar;

    @Parameters(paramLabel = "JMH-ARG", arity = "0..*", description = "Passed to JMH unchanged.")
    List<String> jmhArgs = new ArrayList<>();

    @Override
    public Integer call() {
        return BenchJar.locate(jar).run(null, jmhArgs, spec.commandLine().getErr());
    }
}
