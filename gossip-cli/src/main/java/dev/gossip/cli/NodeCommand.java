package dev.gossip.cli;

import dev.gossip.Address;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.JoinException;
import dev.gossip.MembershipConfig;
import dev.gossip.PayloadTooLargeException;
import dev.gossip.TransportConfig;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gossip node}: one real node; stdin lines are broadcast, deliveries printed on stdout. */
@Prototype
@Command(name = "node",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Runs one node: broadcasts stdin lines, prints delivered messages.",
        description = {
            "Runs one node over UDP. Each line read from stdin is broadcast (UTF-8, without its "
                + "line terminator). Each message delivered from another node is printed on stdout "
                + "as one line:",
            "",
            "  <origin> <text>",
            "",
            "where <origin> is the broadcasting node's address (127.0.0.1:7946, [::1]:7946) and "
                + "<text> the payload decoded as UTF-8, with backslash, line feed, carriage return "
                + "and tab written as \\\\, \\n, \\r and \\t. A node does not print its own "
                + "messages. Status and log lines go to stderr.",
            "",
            "When stdin closes the node keeps running (and forwarding) until SIGINT or SIGTERM; "
                + "then it leaves the cluster gracefully and closes."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  gossip node --bind 127.0.0.1:7946",
            "  gossip node --bind 127.0.0.1:7947 --seed 127.0.0.1:7946",
            "  gossip node --bind 0.0.0.0:7946 --advertise 192.0.2.10:7946 \\",
            "              --seed 192.0.2.11:7946 --seed 192.0.2.12:7946",
            "  echo hello | gossip node --bind 127.0.0.1:0 --seed 127.0.0.1:7946",
            "",
            "Exit codes:",
            "  0  stopped normally",
            "  1  failure: bind failed, no seed accepted the subscription in time",
            "  2  usage error",
            "  Stopped by SIGINT or SIGTERM, the node leaves, closes and ends with",
            "  the signal's status (130, 143)."})
final class NodeCommand implements Callable<Integer> {

    /** Config presets, as {@link GossipConfig} names them. */
    enum Preset { lan, local, wan }

    @Spec
    CommandSpec spec;

    @Option(names = "--bind", paramLabel = "HOST:PORT", required = true, converter = AddressConverter.class,
            description = "Address to listen on; port 0 lets the OS choose.")
    Address bind;

    @Option(names = "--seed", paramLabel = "HOST:PORT", converter = AddressConverter.class, split = ",",
            description = "A node to join through; repeat (or separate with commas) to give "
                    + "fallbacks, tried in turn. Without one, this node starts a cluster.")
    List<Address> seeds = new ArrayList<>();

    @Option(names = "--advertise", paramLabel = "HOST:PORT", converter = AddressConverter.class,
            description = "Address other nodes reach this one at, when it differs from --bind "
                    + "(wildcard bind, NAT).")
    Address advertise;

    @Option(names = "--c", paramLabel = "C", defaultValue = "1",
            description = "SCAMP redundancy c, 0 to 64. Default: ${DEFAULT-VALUE}.")
    int c;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "lan",
            description = "Timing preset: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Preset preset;

    @Option(names = "--join-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How long to wait for a seed to accept (500ms, 10s, 1m). Default: ${DEFAULT-VALUE}.")
    Duration joinTimeout;

    @Option(names = {"-v", "--verbose"}, description = "Log the libraries' debug messages on stderr.")
    boolean verbose;

    private final GossipNodes gossipNodes;

    @Inject
    NodeCommand(GossipNodes gossipNodes) {
        this.gossipNodes = gossipNodes;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        GossipConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GossipNode node = gossipNodes.create(config);
        node.addMessageListener(d -> {
            out.println(LineFormat.format(d.origin().toString(), d.payload()));
            out.flush();
        });
        try {
            node.start();
            err.println("gossip node: listening as " + node.id());
            if (!seeds.isEmpty()) {
                node.join(seeds, joinTimeout);
                err.println("gossip node: joined; partial view " + node.snapshot().partialView());
            } else {
                err.println("gossip node: no seed given: waiting for nodes to join through " + node.id());
            }
            err.flush();
        } catch (JoinException e) {
            node.close();
            throw new CommandFailure("join failed: " + ShortErrors.describe(e), e);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            node.leave();
            node.close();
            err.println("gossip node: left and closed");
            err.flush();
            stopped.countDown();
        }, "gossip-node-shutdown"));
        broadcastLines(node, err, stopping);
        if (!stopping.get()) {
            err.println("gossip node: stdin closed; still running until SIGINT or SIGTERM");
            err.flush();
        }
        stopped.await();
        return GossipCli.EXIT_OK;
    }

    private void broadcastLines(GossipNode node, PrintWriter err, AtomicBoolean stopping) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !stopping.get(); line = in.readLine()) {
            try {
                node.broadcast(line.getBytes(StandardCharsets.UTF_8));
            } catch (PayloadTooLargeException e) {
                err.println("gossip node: not sent: " + ShortErrors.describe(e));
                err.flush();
            } catch (IllegalStateException e) {
                return;
            }
        }
    }

    private GossipConfig config() {
        GossipConfig base = switch (preset) {
            case lan -> GossipConfig.lan();
            case local -> GossipConfig.local();
            case wan -> GossipConfig.wan();
        };
        if (c < 0 || c > MembershipConfig.MAX_C) {
            throw new ParameterException(spec.commandLine(), "--c must be 0 to " + MembershipConfig.MAX_C + ", was " + c);
        }
        TransportConfig transport = base.transport().toBuilder().bind(bind).advertise(advertise).build();
        return base.toBuilder()
                .transport(transport)
                .membership(base.membership().toBuilder().c(c).build())
                .transportProvider("udp")
                .build();
    }
}
