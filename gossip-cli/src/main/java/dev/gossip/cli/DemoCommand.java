package dev.gossip.cli;

import dev.gossip.DisseminationConfig;
import dev.gossip.core.security.Encryption;
import dev.gossip.core.security.Keyring;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gossip demo}: a whole cluster in one process, and how well it delivered. */
@Prototype
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Runs a whole cluster in this process and measures its delivery.",
        description = "Starts N nodes in this process (over UDP or DTLS on 127.0.0.1, ports chosen by the OS; "
                + "node 0 is the seed and the others join through it), broadcasts M messages from "
                + "random nodes, waits for every delivery and reports: deliveries against the "
                + "expected M x (N - 1) (an origin does not deliver its own message), latency "
                + "percentiles from broadcast to delivery, the mean partial-view size against "
                + "SCAMP's (c+1)*ln N, and datagrams sent per delivery.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  gossip demo",
            "  gossip demo --nodes 50 --messages 20",
            "  gossip demo --nodes 20 --transport dtls",
            "  gossip demo --nodes 500 --c 2 --transport inmem --seed 42",
            "  gossip demo --encrypt",
            "",
            "Exit codes:",
            "  0  every message reached every node exactly once",
            "  1  incomplete delivery (or duplicates), or a node could not join",
            "  2  usage error"
        })
final class DemoCommand implements Callable<Integer> {

    static final int MAX_NODES = 2_000;
    static final int MAX_MESSAGES = 100_000;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--nodes",
            paramLabel = "N",
            defaultValue = "20",
            description = "Number of nodes, 2 to " + MAX_NODES + ". Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(
            names = "--messages",
            paramLabel = "M",
            defaultValue = "10",
            description = "Number of broadcasts, 1 to " + MAX_MESSAGES + ". Default: ${DEFAULT-VALUE}.")
    int messages;

    @Option(
            names = "--c",
            paramLabel = "C",
            defaultValue = "1",
            description = "SCAMP redundancy c, 0 to 64: views grow to (c+1)*ln N. Default: ${DEFAULT-VALUE}.")
    int c;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "Seed of every random choice (node ids, origins); printed when not given.")
    @Nullable
    Long seed;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "How long to wait for the joins, then again for the deliveries "
                    + "(500ms, 30s, 2m). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(
            names = "--transport",
            paramLabel = "NAME",
            defaultValue = "udp",
            description = "Transport provider: udp (real sockets on 127.0.0.1), dtls (DTLS 1.2 over "
                    + "real sockets, each node with its own certificate from a CA made in memory for "
                    + "this run; no files) or inmem (no sockets). Default: ${DEFAULT-VALUE}.")
    String transport;

    @Option(
            names = "--dissemination",
            paramLabel = "MODE",
            defaultValue = "tree",
            converter = DisseminationConverter.class,
            description = "How messages spread: tree (eager/lazy push: payloads over a spanning tree, ids "
                    + "announced over the other links) or flood (the paper's: every partial-view link "
                    + "carries every payload). Default: ${DEFAULT-VALUE}.")
    DisseminationConfig.Mode dissemination;

    @Option(
            names = "--key-file",
            paramLabel = "FILE",
            description =
                    "Seal every datagram with AES-GCM under the keys of FILE, as 'gossip node " + "--key-file' does.")
    java.nio.file.@Nullable Path keyFile;

    @Option(names = "--encrypt", description = "Seal every datagram with AES-GCM under a throwaway random key.")
    boolean encrypt;

    @Option(
            names = {"-v", "--verbose"},
            description = "Log the libraries' debug messages on stderr.")
    boolean verbose;

    private final GossipNodes gossipNodes;

    @Inject
    DemoCommand(GossipNodes gossipNodes) {
        this.gossipNodes = gossipNodes;
    }

    @Override
    public Integer call() {
        check(nodes >= 2 && nodes <= MAX_NODES, "--nodes must be 2 to " + MAX_NODES + ", was " + nodes);
        check(
                messages >= 1 && messages <= MAX_MESSAGES,
                "--messages must be 1 to " + MAX_MESSAGES + ", was " + messages);
        check((long) nodes * messages <= 20_000_000L, "--nodes x --messages must be at most 20,000,000");
        check(
                c >= 0 && c <= dev.gossip.MembershipConfig.MAX_C,
                "--c must be 0 to " + dev.gossip.MembershipConfig.MAX_C + ", was " + c);
        check(
                transport.equals("udp") || transport.equals("inmem") || transport.equals("dtls"),
                "--transport must be udp, dtls or inmem, was '" + transport + "'");
        check(keyFile == null || !encrypt, "--key-file and --encrypt exclude each other");
        Encryption encryption = encryption();
        long actualSeed = seed != null ? seed : new SecureRandom().nextLong();
        DemoSettings settings = new DemoSettings(nodes, messages, c, actualSeed, timeout, transport, dissemination);

        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        out.printf(
                "demo: %d nodes over %s, c=%d, %d messages, %s dissemination, seed %d%n",
                nodes, transport, c, messages, dissemination.label(), actualSeed);
        if (encryption != null) {
            out.printf(
                    "demo: AES-GCM with %s, primary %s%n",
                    keyFile != null ? "key file " + keyFile : "a throwaway key",
                    encryption.keyring().primaryFingerprint());
        }
        out.flush();
        ProgressBar progress = new ProgressBar(err, "joining", nodes, System.console() != null);
        DemoResult result =
                new DemoCluster(gossipNodes.withEncryption(encryption), settings, System::nanoTime).run(progress);
        DemoReport.print(out, settings, result);
        out.flush();
        if (!result.complete()) {
            err.println("gossip demo: " + DemoReport.failure(settings, result));
            err.flush();
            return GossipCli.EXIT_FAILURE;
        }
        return GossipCli.EXIT_OK;
    }

    private @Nullable Encryption encryption() {
        if (encrypt) {
            return Encryption.of(Keyring.of(Keyring.generateKey()));
        }
        if (keyFile == null) {
            return null;
        }
        try {
            return Encryption.of(KeyFile.keyring(KeyFile.read(keyFile)));
        } catch (KeyFile.InvalidKeyFile e) {
            throw new ParameterException(spec.commandLine(), "--key-file " + e.getMessage());
        }
    }

    private void check(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
