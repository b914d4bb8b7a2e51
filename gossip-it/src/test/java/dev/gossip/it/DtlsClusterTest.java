package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gossip.Address;
import dev.gossip.DropReason;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.JoinException;
import dev.gossip.MessageId;
import dev.gossip.NodeSnapshot;
import dev.gossip.TransportConfig;
import dev.gossip.core.Gossip;
import dev.gossip.transport.dtls.DtlsSettings;
import dev.gossip.transport.dtls.DtlsTransport;
import dev.gossip.transport.dtls.ThrowawayCa;
import dev.gossip.transport.udp.UdpTransport;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Clusters over the {@code dtls} transport on 127.0.0.1: delivery, and who is kept out. */
@Timeout(180)
class DtlsClusterTest {

    private static final TransportConfig LOOPBACK =
            TransportConfig.builder().bind("127.0.0.1:0").build();

    private static GossipConfig config() {
        return GossipConfig.local().toBuilder().transport(LOOPBACK).build();
    }

    @Test
    void twentyNodeClusterOverDtlsDeliversEveryMessageExactlyOnce() {
        long seed = Seeds.seed(20_261_207L);
        DtlsNodes keys = new DtlsNodes("cluster CA", seed, LOOPBACK);
        try (TestCluster cluster = TestCluster.start(20, config(), seed, keys::transport)) {
            cluster.awaitNonEmptyViews();
            SplittableRandom random = new SplittableRandom(seed);
            Map<MessageId, Integer> origins = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                int origin = i == 0 ? 0 : random.nextInt(20);
                origins.put(cluster.broadcastAndAwait(origin, "dtls message " + i), origin);
            }
            cluster.assertExactlyOnce(origins);
            assertThat(keys.sum(DtlsTransport.Stats::handshakesCompleted))
                    .as("handshakes, seed %d", seed)
                    .isGreaterThanOrEqualTo(2 * 19);
            assertThat(keys.sum(DtlsTransport.Stats::handshakeFailures))
                    .as("seed %d", seed)
                    .isZero();
        }
    }

    @Test
    void foreignCaExpiredCertificateAndPlaintextNodeAreRefusedCountedAndNeverDelivered() {
        long seed = Seeds.seed(20_261_208L);
        DtlsNodes keys = new DtlsNodes("cluster CA", seed, LOOPBACK);
        try (TestCluster cluster = TestCluster.start(5, config(), seed, keys::transport)) {
            cluster.awaitNonEmptyViews();
            Address seedAddress = cluster.node(0).id().address();
            DtlsTransport seedTransport = keys.transports.get(0);
            Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
            for (int i = 0; i < cluster.size(); i++) {
                cluster.node(i)
                        .addMessageListener(d -> delivered
                                .computeIfAbsent(
                                        new String(d.payloadBytes(), StandardCharsets.UTF_8), k -> new AtomicInteger())
                                .incrementAndGet());
            }

            ThrowawayCa otherCa = ThrowawayCa.create("another CA", DtlsNodes.seeded(seed + 1));
            DtlsTransport foreign = new DtlsTransport(
                    LOOPBACK,
                    DtlsSettings.defaults(DtlsNodes.material(
                            otherCa.issue("foreign", InetAddress.getLoopbackAddress()), otherCa.certificate())));
            Instant now = Instant.now();
            DtlsTransport expired = new DtlsTransport(
                    LOOPBACK,
                    DtlsSettings.defaults(DtlsNodes.material(
                            keys.ca.issue(
                                    "expired",
                                    now.minus(Duration.ofDays(30)),
                                    now.minus(Duration.ofDays(1)),
                                    InetAddress.getLoopbackAddress()),
                            keys.ca.certificate())));
            UdpTransport plaintext = new UdpTransport(LOOPBACK);

            long failuresBefore = seedTransport.stats().handshakeFailures();
            tryToJoinAndBroadcast(foreign, seedAddress, "from the foreign CA");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> seedTransport.stats().handshakeFailures() > failuresBefore);
            long afterForeign = seedTransport.stats().handshakeFailures();

            tryToJoinAndBroadcast(expired, seedAddress, "from the expired certificate");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> seedTransport.stats().handshakeFailures() > afterForeign);

            long plainBefore = seedTransport.stats().unauthenticated();
            tryToJoinAndBroadcast(plaintext, seedAddress, "in plaintext");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> seedTransport.stats().unauthenticated() > plainBefore);

            NodeSnapshot seedSnapshot = cluster.node(0).snapshot();
            assertThat(seedSnapshot.drops().getOrDefault(DropReason.AUTHENTICATION_FAILED, 0L))
                    .as("refusals counted in the node's drops, seed %d", seed)
                    .isGreaterThanOrEqualTo(3);
            // A legitimate broadcast still goes everywhere; nothing from the intruders ever did.
            cluster.broadcastAndCheck(1, "legitimate");
            assertThat(delivered.keySet()).as("seed %d", seed).containsExactly("legitimate");
            List<Address> members =
                    keys.transports.stream().map(DtlsTransport::localAddress).toList();
            for (NodeSnapshot snapshot : cluster.snapshots()) {
                assertThat(snapshot.partialView())
                        .as("view of %s holds members only, seed %d", snapshot.id(), seed)
                        .allMatch(m -> members.contains(m.address()));
            }
        }
    }

    /** Builds a node over {@code transport}, which must fail to join, and broadcasts anyway. */
    private static void tryToJoinAndBroadcast(dev.gossip.spi.Transport transport, Address seed, String text) {
        try (GossipNode intruder = Gossip.builder(config()).transport(transport).build()) {
            intruder.start();
            assertThatThrownBy(() -> intruder.join(List.of(seed), Duration.ofSeconds(2)))
                    .isInstanceOf(JoinException.class);
            intruder.broadcast(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
