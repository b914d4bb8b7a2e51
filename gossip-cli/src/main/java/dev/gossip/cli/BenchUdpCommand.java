package dev.gossip.cli;

import io.micronaut.context.annotation.Prototype;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gossip bench udp}: runs {@value #UDP_MAIN} from benchmarks.jar in a child JVM. */
@Prototype
@Command(
        name = "udp",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Runs the UDP ratio benchmark (dev.gossip.bench.UdpRatioMain).",
        description = {
            "Runs 'java -cp benchmarks.jar " + BenchUdpCommand.UDP_MAIN + " ARGS' in a child JVM, "
                    + "with stdin, stdout and stderr passed through; every argument is passed to it "
                    + "unchanged ('gossip bench udp -- --help' shows its own options: --payloads, "
                    + "--rounds, --window-ms, --warmup-ms, --join-rounds). It measures our UDP transport, "
                    + "a whole node and the DTLS transport against a raw NIO pair in alternating windows "
                    + "and prints, per payload size, the median ratio to raw with its interquartile "
                    + "range, the rates, the loss and the CPU per datagram; then the time a node takes to "
                    + "join over dtls against udp. "
                    + "The jar is found as for 'gossip bench' (--jar goes before 'udp'). If the jar "
                    + "does not contain it, this says so and exits 1."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gossip bench udp",
            "  gossip bench udp --payloads 512 --rounds 11 --window-ms 300",
            "",
            "Exit codes:",
            "  0  the benchmark ran",
            "  1  benchmarks.jar not found, or it has no " + BenchUdpCommand.UDP_MAIN,
            "  2  usage error",
            "  other  the benchmark's own exit code"
        })
final class BenchUdpCommand implements Callable<Integer> {

    /** The UDP ratio benchmark's entry point. */
    static final String UDP_MAIN = "dev.gossip.bench.UdpRatioMain";

    @Spec
    CommandSpec spec;

    @ParentCommand
    BenchCommand parent;

    @Parameters(paramLabel = "ARG", arity = "0..*", description = "Passed to the benchmark unchanged.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return BenchJar.locate(parent.jar)
                .run(
                        "gossip bench udp",
                        "UDP ratio benchmark",
                        UDP_MAIN,
                        args,
                        spec.commandLine().getErr());
    }
}
