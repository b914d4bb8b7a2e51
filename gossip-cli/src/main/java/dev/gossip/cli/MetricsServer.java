package dev.gossip.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gossip.DropReason;
import dev.gossip.GossipNode;
import dev.gossip.NodeId;
import dev.gossip.NodeSnapshot;
import dev.gossip.micrometer.GossipMetrics;
import dev.gossip.transport.dtls.DtlsTransport;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * {@code gossip node --metrics-bind}: an HTTP endpoint on the JDK's own server with
 *
 * <ul>
 *   <li>{@code GET /metrics}: the node's meters ({@code gossip-micrometer}'s {@link GossipMetrics})
 *       in Prometheus' text format, from Micrometer's Prometheus registry;
 *   <li>{@code GET /status}: the node's {@link NodeSnapshot} as one JSON object (over dtls, with the
 *       transport's counters as {@code "dtls"}).
 * </ul>
 *
 * Any other path is 404, any other method 405. One daemon thread serves the requests, one at a
 * time; each takes one snapshot.
 */
final class MetricsServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param bind where to listen; port 0 lets the OS choose
     * @param node the node to publish
     * @return the running server
     * @throws IOException if the address cannot be bound
     */
    static MetricsServer start(InetSocketAddress bind, GossipNode node) throws IOException {
        return start(bind, node, null);
    }

    /**
     * @param bind where to listen; port 0 lets the OS choose
     * @param node the node to publish
     * @param dtls the node's dtls transport, whose counters are published too, or {@code null}
     * @return the running server
     * @throws IOException if the address cannot be bound
     */
    static MetricsServer start(InetSocketAddress bind, GossipNode node, @Nullable DtlsTransport dtls)
            throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new GossipMetrics(node).bindTo(registry);
        if (dtls != null) {
            DtlsStatus.bindTo(registry, dtls);
        }
        HttpServer server = HttpServer.create(bind, 16);
        server.createContext(
                "/metrics",
                exchange ->
                        respond(exchange, "/metrics", "text/plain; version=0.0.4; charset=utf-8", registry::scrape));
        server.createContext(
                "/status",
                exchange -> respond(
                        exchange,
                        "/status",
                        "application/json",
                        () -> json(node.snapshot(), dtls == null ? null : dtls.stats())));
        server.createContext("/", exchange -> send(exchange, 404, "text/plain; charset=utf-8", "not found\n"));
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "gossip-metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new MetricsServer(server, executor);
    }

    /** @return the address the server listens on, with the port the OS chose */
    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void respond(
            HttpExchange exchange, String path, String contentType, java.util.function.Supplier<String> body)
            throws IOException {
        if (!exchange.getRequestURI().getPath().equals(path)) {
            send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
        } else if (!exchange.getRequestMethod().equals("GET")
                && !exchange.getRequestMethod().equals("HEAD")) {
            send(exchange, 405, "text/plain; charset=utf-8", "only GET\n");
        } else {
            String text;
            try {
                text = body.get();
            } catch (RuntimeException e) {
                send(exchange, 503, "text/plain; charset=utf-8", ShortErrors.describe(e) + "\n");
                return;
            }
            send(exchange, 200, contentType, text);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    /**
     * @param s a snapshot
     * @return it as one JSON object: id, state, partialView, inView, estimatedSize, the counters,
     *     drops by reason and the membership counters
     */
    static String json(NodeSnapshot s) {
        return json(s, null);
    }

    /**
     * @param s a snapshot
     * @param dtls the dtls transport's counters, or {@code null}
     * @return as {@link #json(NodeSnapshot)}, with a {@code "dtls"} object of the transport's
     *     counters when there are some
     */
    static String json(NodeSnapshot s, DtlsTransport.@Nullable Stats dtls) {
        Map<String, Long> drops = new TreeMap<>();
        for (DropReason reason : DropReason.values()) {
            drops.put(reason.name(), s.drops(reason));
        }
        StringBuilder b = new StringBuilder(512).append('{');
        b.append("\"id\":").append(string(s.id().toString()));
        b.append(",\"state\":").append(string(s.state().name()));
        b.append(",\"partialView\":").append(ids(s.partialView()));
        b.append(",\"inView\":").append(ids(s.inView()));
        double estimate = s.estimatedSize();
        b.append(",\"estimatedSize\":").append(Double.isFinite(estimate) ? Double.toString(estimate) : "null");
        b.append(",\"datagramsSent\":").append(s.datagramsSent());
        b.append(",\"datagramsReceived\":").append(s.datagramsReceived());
        b.append(",\"broadcasts\":").append(s.broadcasts());
        b.append(",\"delivered\":").append(s.delivered());
        b.append(",\"duplicates\":").append(s.duplicates());
        b.append(",\"forwarded\":").append(s.forwarded());
        b.append(",\"drops\":").append(counters(drops));
        b.append(",\"membershipCounters\":").append(counters(new TreeMap<>(s.membershipCounters())));
        if (dtls != null) {
            b.append(",\"dtls\":").append(counters(DtlsStatus.counters(dtls)));
        }
        return b.append("}\n").toString();
    }

    private static String ids(List<NodeId> ids) {
        StringBuilder b = new StringBuilder("[");
        ids.stream().map(NodeId::toString).sorted().forEach(id -> {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(string(id));
        });
        return b.append(']').toString();
    }

    private static String counters(Map<String, Long> counters) {
        StringBuilder b = new StringBuilder("{");
        counters.forEach((name, value) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(string(name)).append(':').append(value);
        });
        return b.append('}').toString();
    }

    /** A JSON string literal. */
    static String string(String text) {
        StringBuilder b = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
