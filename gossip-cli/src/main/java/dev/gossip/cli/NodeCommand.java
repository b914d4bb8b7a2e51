package dev.gossip.cli;

import dev.gossip.Address;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.JoinException;
import dev.gossip.NodeSnapshot;
import dev.gossip.PayloadTooLargeException;
import dev.gossip.core.security.Encryption;
import dev.gossip.transport.dtls.DtlsTransport;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gossip node}: one real node; stdin lines are broadcast, deliveries printed on stdout. */
@Prototype
@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Runs one node: broadcasts stdin lines, prints delivered messages.",
        description = {
            "Runs one node over UDP (or DTLS with --transport dtls). Each line read from stdin is broadcast (UTF-8, without its "
                    + "line terminator). Each message delivered from another node is printed on stdout "
                    + "as one line:",
            "",
            "  <origin> <text>",
            "",
            "where <origin> is the broadcasting node's address (127.0.0.1:7946, [::1]:7946) and "
                    + "<text> the payload decoded as UTF-8, with backslash, line feed, carriage return "
                    + "and tab written as \\\\, \\n, \\r and \\t, every other control character "
                    + "(ESC, BEL, DEL, U+0080-U+009F ...) as \\xNN and Unicode format characters "
                    + "(bidirectional overrides, zero-width characters) and U+2028, U+2029 as \\uNNNN, so "
                    + "a peer can neither split a line nor drive the terminal; --raw prints the text "
                    + "unescaped. A node does not print its own messages. Status and log lines go to "
                    + "stderr.",
            "",
            "Stdin lines: a line ends at a line feed; a carriage return right before it (CRLF) is "
                    + "dropped, any other carriage return is part of the line.",
            "",
            "Status: a stdin line /status, or the signal SIGUSR2 (kill -USR2 <pid>), prints the "
                    + "views, the cluster size estimate and the counters on stderr, each line starting "
                    + "with 'status: '. To broadcast a line that starts with '/', double the slash "
                    + "(//status sends /status).",
            "",
            "Every option can also come from the environment: --max-payload-bytes is the variable "
                    + "GOSSIP_MAX_PAYLOAD_BYTES, the system property or application.yml key "
                    + "gossip.max-payload-bytes (application.yml is read from ./, ./config/ or "
                    + "MICRONAUT_CONFIG_FILES). Precedence: flag > system property > environment "
                    + "variable > application.yml > --preset.",
            "",
            "Encryption: with --key-file every datagram is sealed with AES-GCM and nodes without "
                    + "one of the file's keys cannot join (see docs/security.md). The signal SIGHUP "
                    + "(kill -HUP <pid>) re-reads the key file: its first key seals from then on, "
                    + "exactly its keys open; a file that is not valid changes nothing. Either way "
                    + "one line on stderr says so. Without --key-file, SIGHUP stops the node as "
                    + "SIGTERM does.",
            "",
            "When stdin closes the node keeps running (and forwarding) until SIGINT or SIGTERM; "
                    + "then it leaves the cluster gracefully and closes."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gossip node --bind 127.0.0.1:7946",
            "  gossip node --bind 127.0.0.1:7947 --seed 127.0.0.1:7946",
            "  gossip node --bind 0.0.0.0:7946 --advertise 192.0.2.10:7946 \\",
            "              --seed 192.0.2.11:7946 --seed 192.0.2.12:7946",
            "  GOSSIP_C=2 gossip node --preset wan --bind 192.0.2.10:7946",
            "  gossip node --preset local --bind 127.0.0.1:0 --show-config",
            "  echo hello | gossip node --bind 127.0.0.1:0 --seed 127.0.0.1:7946",
            "  gossip keygen keys && gossip node --bind 127.0.0.1:7946 --key-file keys",
            "",
            "Exit codes:",
            "  0  stopped normally (or --show-config printed)",
            "  1  failure: bind failed, no seed accepted the subscription in time",
            "  2  usage error: unknown flag, missing or invalid value, a key file",
            "     that is missing, unreadable, empty or not valid (the line named)",
            "  Stopped by SIGINT or SIGTERM, the node leaves, closes and ends with",
            "  the signal's status (130, 143)."
        })
final class NodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--seed",
            paramLabel = "HOST:PORT",
            converter = AddressConverter.class,
            split = ",",
            order = 1,
            description = "A node to join through; repeat (or separate with commas) to give "
                    + "fallbacks, tried in turn. Without one, this node starts a cluster.")
    List<Address> seeds = new ArrayList<>();

    @Option(
            names = "--join-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            order = 2,
            description = "How long to wait for a seed to accept (500ms, 10s, 1m). Default: 10s.")
    @Nullable
    Duration joinTimeout;

    @Option(
            names = "--show-config",
            order = 3,
            description = "Print the effective configuration (after flags, environment and preset) and exit.")
    boolean showConfig;

    @Option(
            names = "--raw",
            order = 4,
            description = "Print received text as decoded, without escaping control characters.")
    boolean raw;

    @Option(
            names = "--metrics-bind",
            paramLabel = "HOST:PORT",
            converter = AddressConverter.class,
            order = 5,
            description = "Serve HTTP on this address: GET /metrics, the node's meters in Prometheus' "
                    + "text format; GET /status, its views and counters as JSON. Port 0 lets the OS "
                    + "choose; the address is printed on stderr. Default: off.")
    @Nullable
    Address metricsBind;

    @Mixin
    NodeOptions options;

    @Mixin
    KeyOptions keys;

    @Option(
            names = {"-v", "--verbose"},
            order = 90,
            description = "Log the libraries' debug messages on stderr.")
    boolean verbose;

    private final GossipNodes gossipNodes;

    @Inject
    NodeCommand(GossipNodes gossipNodes) {
        this.gossipNodes = gossipNodes;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        GossipConfig config = options.config(null);
        Encryption encryption = keys.encryption();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (showConfig) {
            out.println(NodeOptions.redacted(config));
            out.flush();
            return GossipCli.EXIT_OK;
        }
        DtlsTransport dtls = DtlsStatus.transportFor(config);
        GossipNode node = gossipNodes.withEncryption(encryption).create(config, dtls);
        node.addMessageListener(d -> {
            out.println(
                    raw
                            ? LineFormat.raw(d.origin().toString(), d.payload())
                            : LineFormat.format(d.origin().toString(), d.payload()));
            out.flush();
        });
        try {
            node.start();
            OwnAddress.refuseIfOnlySelf(
                    seeds, node.id().address(), config.transport().bind(), spec.commandLine());
            err.println("gossip node: listening as " + node.id());
            if (encryption != null) {
                err.println("gossip node: AES-GCM with key file " + keys.keyFile + ": primary "
                        + encryption.keyring().primaryFingerprint() + ", keys "
                        + String.join(" ", encryption.keyring().fingerprints())
                        + (encryption.clusterLabel().isEmpty()
                                ? ""
                                : ", cluster label '" + encryption.clusterLabel() + "'"));
            }
            if (!seeds.isEmpty()) {
                node.join(seeds, joinTimeout == null ? Duration.ofSeconds(10) : joinTimeout);
                err.println(
                        "gossip node: joined; partial view " + node.snapshot().partialView());
            } else {
                err.println("gossip node: no seed given: waiting for nodes to join through " + node.id());
            }
            err.flush();
        } catch (JoinException e) {
            NodeSnapshot snapshot = node.snapshot();
            node.close();
            throw new CommandFailure(JoinFailure.line(e, snapshot, dtls, encryption != null), e);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        MetricsServer metrics = startMetrics(node, dtls, err);
        Runnable status = () -> {
            synchronized (err) {
                err.println(NodeStatus.format(node.snapshot()));
                if (dtls != null) {
                    err.println(DtlsStatus.line(dtls.stats()));
                }
                if (encryption != null) {
                    err.println("status: keys "
                            + String.join(" ", encryption.keyring().fingerprints()) + " (primary first)");
                }
                err.flush();
            }
        };
        StatusSignal.install(status);
        if (encryption != null) {
            // keys.encryption() returns an encryption only when --key-file is given
            KeyFileReload reload = new KeyFileReload(Objects.requireNonNull(keys.keyFile), encryption.keyring());
            boolean onSighup = KeyFileReload.onSighup(() -> {
                String line = reload.reload();
                synchronized (err) {
                    err.println("gossip node: " + line);
                    err.flush();
                }
            });
            if (!onSighup) {
                synchronized (err) {
                    err.println("gossip node: warning: SIGHUP is ignored in this process (started under nohup?),"
                            + " so the key file is not reloaded on SIGHUP; start the node without nohup"
                            + " (for example with setsid) to rotate keys");
                    err.flush();
                }
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopping.set(true);
                            node.leave();
                            node.close();
                            if (metrics != null) {
                                metrics.close();
                            }
                            err.println("gossip node: left and closed");
                            err.flush();
                            stopped.countDown();
                        },
                        "gossip-node-shutdown"));
        readLines(node, err, stopping, status);
        if (!stopping.get()) {
            err.println("gossip node: stdin closed; still running until SIGINT or SIGTERM");
            err.flush();
        }
        stopped.await();
        return GossipCli.EXIT_OK;
    }

    /** @return the metrics endpoint, if --metrics-bind asks for one, else {@code null} */
    private @Nullable MetricsServer startMetrics(GossipNode node, @Nullable DtlsTransport dtls, PrintWriter err) {
        if (metricsBind == null) {
            return null;
        }
        if (!(metricsBind instanceof dev.gossip.IpAddress ip)) {
            node.leave();
            node.close();
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--metrics-bind must be an IP address and port, was " + metricsBind);
        }
        try {
            MetricsServer server = MetricsServer.start(ip.socketAddress(), node, dtls);
            java.net.InetSocketAddress at = server.address();
            err.println("gossip node: metrics at http://" + dev.gossip.IpAddress.of(at) + "/metrics and /status");
            err.flush();
            return server;
        } catch (IOException | RuntimeException e) {
            node.leave();
            node.close();
            throw new CommandFailure("--metrics-bind " + metricsBind + ": " + ShortErrors.describe(e), e);
        }
    }

    private void readLines(GossipNode node, PrintWriter err, AtomicBoolean stopping, Runnable status)
            throws IOException {
        StdinLines in = new StdinLines(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.next(); line != null && !stopping.get(); line = in.next()) {
            if (line.strip().equals("/status")) {
                status.run();
                continue;
            }
            String text = line.startsWith("//") ? line.substring(1) : line;
            try {
                node.broadcast(text.getBytes(StandardCharsets.UTF_8));
            } catch (PayloadTooLargeException e) {
                err.println("gossip node: not sent: " + ShortErrors.describe(e));
                err.flush();
            } catch (IllegalStateException e) {
                return;
            }
        }
    }
}
