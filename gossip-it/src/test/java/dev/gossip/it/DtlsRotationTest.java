package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.GossipConfig;
import dev.gossip.MessageId;
import dev.gossip.TransportConfig;
import dev.gossip.transport.dtls.DtlsSettings;
import dev.gossip.transport.dtls.DtlsTransport;
import dev.gossip.transport.dtls.ThrowawayCa;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Certificates rotated on every node of a 20-node dtls cluster while broadcasts flow, without a
 * restart: nothing is lost, and at the end the old CA is no longer trusted anywhere, so every
 * session then alive was set up with the new certificates.
 */
@Timeout(300)
class DtlsRotationTest {

    private static final TransportConfig LOOPBACK =
            TransportConfig.builder().bind("127.0.0.1:0").build();

    @Test
    void certificatesRotatedOnTwentyNodesWhileBroadcastsFlowLoseNothing() {
        long seed = Seeds.seed(20_261_211L);
        int size = 20;
        DtlsNodes keys = new DtlsNodes("old CA", seed, LOOPBACK);
        ThrowawayCa newCa = ThrowawayCa.create("new CA", DtlsNodes.seeded(seed + 1));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        GossipConfig config =
                GossipConfig.local().toBuilder().transport(LOOPBACK).build();
        try (TestCluster cluster = TestCluster.start(
                size,
                config,
                seed,
                i -> keys.add(new DtlsTransport(
                        LOOPBACK,
                        DtlsSettings.defaults(DtlsNodes.material(
                                keys.ca.issue("node-" + i, loopback), keys.ca.certificate(), newCa.certificate())))))) {
            cluster.awaitNonEmptyViews();
            SplittableRandom random = new SplittableRandom(seed);
            Map<MessageId, Integer> origins = new LinkedHashMap<>();

            // Step 1: each node in turn takes a certificate from the new CA (trusting both) and
            // renews its sessions, with a broadcast from a random node between rotations.
            for (int i = 0; i < size; i++) {
                broadcast(cluster, random.nextInt(size), "during rotation " + i, origins);
                DtlsTransport transport = keys.transports.get(i);
                transport.reloadKeys(DtlsNodes.material(
                        newCa.issue("node-" + i + "-rotated", loopback), keys.ca.certificate(), newCa.certificate()));
                transport.renewSessions();
            }
            // Step 2: every node stops trusting the old CA and renews again.
            for (int i = 0; i < size; i++) {
                broadcast(cluster, random.nextInt(size), "dropping the old CA " + i, origins);
                DtlsTransport transport = keys.transports.get(i);
                transport.reloadKeys(
                        DtlsNodes.material(newCa.issue("node-" + i + "-final", loopback), newCa.certificate()));
                transport.renewSessions();
            }
            for (int m = 0; m < 5; m++) {
                broadcast(cluster, random.nextInt(size), "after rotation " + m, origins);
            }

            for (Map.Entry<MessageId, Integer> e : origins.entrySet()) {
                await().alias("message " + e.getKey() + " from node " + e.getValue() + " everywhere, seed " + seed)
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> cluster.missing(e.getKey(), e.getValue()).isEmpty());
            }
            cluster.assertExactlyOnce(origins);
            cluster.broadcastAndCheck(0, "the last one");
            assertThat(keys.sum(DtlsTransport.Stats::keyReloads)).isEqualTo(2L * size);
            assertThat(keys.sum(DtlsTransport.Stats::handshakesCompleted))
                    .as("sessions set up again after rotation, seed %d", seed)
                    .isGreaterThan(4L * size);
            System.out.printf(
                    "rotation: %d messages, %d handshakes, %d handshake failures, %d close_notify sent (seed %d)%n",
                    origins.size() + 1,
                    keys.sum(DtlsTransport.Stats::handshakesCompleted),
                    keys.sum(DtlsTransport.Stats::handshakeFailures),
                    keys.sum(DtlsTransport.Stats::closeNotifySent),
                    seed);
        }
    }

    private static void broadcast(TestCluster cluster, int origin, String text, Map<MessageId, Integer> origins) {
        origins.put(cluster.node(origin).broadcast(text.getBytes(StandardCharsets.UTF_8)), origin);
    }
}
