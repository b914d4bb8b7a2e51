package dev.gossip.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command, {@code gossip}: only dispatches to its subcommands. */
@Command(
        name = "gossip",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Gossip dissemination over SCAMP partial views.",
        subcommands = {
            DemoCommand.class,
            NodeCommand.class,
            SendCommand.class,
            BenchCommand.class,
            SimulateCommand.class,
            KeygenCommand.class
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gossip demo --nodes 50 --messages 20",
            "  gossip node --bind 127.0.0.1:7946",
            "  gossip node --bind 127.0.0.1:7947 --seed 127.0.0.1:7946",
            "  gossip send --seed 127.0.0.1:7946 hello",
            "  gossip bench -l",
            "  gossip keygen keys",
            "",
            "Exit codes:",
            "  0  success",
            "  1  failure: incomplete delivery, join failure, error while running",
            "     (each command's --help lists its own codes; 'send' adds 3: unacknowledged)",
            "  2  usage error: unknown flag, missing or invalid value"
        })
final class GossipCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "missing command: " + String.join(", ", spec.subcommands().keySet()));
    }
}
