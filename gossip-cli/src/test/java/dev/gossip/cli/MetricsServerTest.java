package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.core.Gossip;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code --metrics-bind} endpoint in-process, scraped over real HTTP on 127.0.0.1 while two
 * real UDP nodes exchange a message. (OperatorIT scrapes it from a {@code gossip node} process.)
 */
class MetricsServerTest {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void metricsAndStatusDescribeARunningNodeAndOtherRequestsAreRefused() throws Exception {
        GossipConfig config =
                GossipConfig.local().toBuilder().transportProvider("udp").build();
        try (GossipNode a = Gossip.builder(config).build();
                GossipNode b = Gossip.builder(config).build()) {
            a.start();
            b.start();
            b.join(List.of(a.id().address()), Duration.ofSeconds(10));
            b.broadcast("hello".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> a.snapshot().delivered() == 1);
            // started after the delivery: GossipMetrics may serve the first scrape from the snapshot
            // it took when its meters were bound (at most 1 s old; see its Javadoc)
            try (MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), a)) {
                String base = "http://127.0.0.1:" + server.address().getPort();

                HttpResponse<String> metrics = get(base + "/metrics", "GET");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
                assertThat(metrics.body())
                        .containsPattern("(?m)^gossip_messages_delivered_messages_total 1\\.0$")
                        .containsPattern("(?m)^gossip_drops_datagrams_total\\{reason=\"malformed\"} 0\\.0$")
                        .containsPattern("(?m)^gossip_view_size\\w*\\{view=\"in\"} 1\\.0$");

                HttpResponse<String> status = get(base + "/status", "GET");
                assertThat(status.statusCode()).isEqualTo(200);
                assertThat(status.headers().firstValue("Content-Type")).contains("application/json");
                @SuppressWarnings("unchecked")
                Map<String, Object> json = (Map<String, Object>) Json.parse(status.body());
                assertThat(json.get("id")).isEqualTo(a.id().toString());
                assertThat(json.get("state")).isEqualTo(a.snapshot().state().name());
                assertThat(json.get("inView")).isEqualTo(List.of(b.id().toString()));
                assertThat(json.get("delivered")).isEqualTo(1.0);
                assertThat(json.get("drops"))
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                        .containsEntry("MALFORMED", 0.0)
                        .hasSize(dev.gossip.DropReason.values().length);
                assertThat(json).containsKeys("partialView", "estimatedSize", "membershipCounters");

                HttpResponse<String> head = get(base + "/status", "HEAD");
                assertThat(head.statusCode()).isEqualTo(200);
                assertThat(head.body()).isEmpty();
                assertThat(get(base + "/status", "POST").statusCode()).isEqualTo(405);
                assertThat(get(base + "/metricsx", "GET").statusCode()).isEqualTo(404);
                assertThat(get(base + "/", "GET").statusCode()).isEqualTo(404);
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void overDtlsStatusAndMetricsCarryTheTransportsCounters() throws Exception {
        dev.gossip.TransportConfig loopback =
                dev.gossip.TransportConfig.builder().bind("127.0.0.1:0").build();
        GossipConfig config = GossipConfig.local().toBuilder()
                .transport(loopback)
                .transportProvider("dtls")
                .build();
        DemoCertificates certificates = new DemoCertificates(loopback);
        dev.gossip.transport.dtls.DtlsTransport dtlsA = certificates.transport(0);
        try (GossipNode a = Gossip.builder(config).transport(dtlsA).build();
                GossipNode b = Gossip.builder(config)
                        .transport(certificates.transport(1))
                        .build()) {
            a.start();
            b.start();
            b.join(List.of(a.id().address()), Duration.ofSeconds(10));
            b.broadcast("hello".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> a.snapshot().delivered() == 1);
            try (MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), a, dtlsA)) {
                String base = "http://127.0.0.1:" + server.address().getPort();

                @SuppressWarnings("unchecked")
                Map<String, Object> json = (Map<String, Object>)
                        Json.parse(get(base + "/status", "GET").body());
                assertThat(json.get("dtls"))
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                        .containsEntry("handshakesCompleted", 1.0)
                        .containsEntry("handshakeFailures", 0.0)
                        .containsEntry("sessions", 1.0)
                        .containsEntry("cookiesSent", 1.0)
                        .hasSize(dev.gossip.transport.dtls.DtlsTransport.Stats.class.getRecordComponents().length);
                assertThat(get(base + "/metrics", "GET").body())
                        .containsPattern("(?m)^gossip_dtls_handshakes_completed_total 1\\.0$")
                        .containsPattern("(?m)^gossip_dtls_handshake_failures_total 0\\.0$")
                        .containsPattern("(?m)^gossip_dtls_sessions 1\\.0$")
                        .containsPattern("(?m)^gossip_dtls_received_total [1-9]");
                assertThat(DtlsStatus.line(dtlsA.stats()))
                        .startsWith("status: dtls sent=")
                        .contains(" handshakesCompleted=1 ");
            }
        }
    }

    /** Quotes, backslashes and control characters in ids and names cannot break the JSON. */
    @Test
    void jsonStringsEscapeQuotesBackslashesAndControlCharacters() {
        String literal = MetricsServer.string("a\"b\\c\u0001d\ne");

        assertThat(literal).isEqualTo("\"a\\\"b\\\\c\\u0001d\\u000ae\"");
        assertThat(Json.parse(literal)).isEqualTo("a\"b\\c\u0001d\ne");
    }

    private HttpResponse<String> get(String uri, String method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
