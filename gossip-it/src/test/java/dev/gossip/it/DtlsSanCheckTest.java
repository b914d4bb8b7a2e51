package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gossip.DropReason;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.JoinException;
import dev.gossip.TransportConfig;
import dev.gossip.core.Gossip;
import dev.gossip.transport.dtls.DtlsSettings;
import dev.gossip.transport.dtls.DtlsTransport;
import dev.gossip.transport.dtls.HandshakeFailure;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The optional subjectAltName check ({@link DtlsSettings#requireSanMatch()}) between real nodes on
 * 127.0.0.1: a peer whose certificate, from the cluster's own CA, names another address is refused
 * and counted; one whose certificate names 127.0.0.1 joins and delivers both ways.
 */
@Timeout(120)
class DtlsSanCheckTest {

    private static final TransportConfig LOOPBACK =
            TransportConfig.builder().bind("127.0.0.1:0").build();

    private static GossipConfig config() {
        return GossipConfig.local().toBuilder().transport(LOOPBACK).build();
    }

    @Test
    void aPeerWhoseCertificateNamesAnotherAddressIsRefusedAndCountedAndOneNamingItsOwnIsAccepted() throws Exception {
        long seed = Seeds.seed(20_261_213L);
        DtlsNodes keys = new DtlsNodes("san CA", seed, LOOPBACK);
        DtlsTransport seedTransport = keys.add(new DtlsTransport(
                LOOPBACK, DtlsSettings.defaults(keys.material("seed")).withRequireSanMatch(true)));
        Queue<String> atSeed = new ConcurrentLinkedQueue<>();
        try (GossipNode seedNode =
                Gossip.builder(config()).transport(seedTransport).build()) {
            seedNode.addMessageListener(d -> atSeed.add(new String(d.payloadBytes(), StandardCharsets.UTF_8)));
            seedNode.start();

            // From the cluster's CA, trusted, but naming 10.9.9.9 while it sends from 127.0.0.1.
            InetAddress elsewhere = InetAddress.getByAddress(new byte[] {10, 9, 9, 9});
            DtlsTransport misnamed = keys.add(new DtlsTransport(
                    LOOPBACK,
                    DtlsSettings.defaults(
                                    DtlsNodes.material(keys.ca.issue("misnamed", elsewhere), keys.ca.certificate()))
                            .withRequireSanMatch(true)));
            try (GossipNode intruder =
                    Gossip.builder(config()).transport(misnamed).build()) {
                intruder.start();
                assertThatThrownBy(() -> intruder.join(List.of(seedNode.id().address()), Duration.ofSeconds(2)))
                        .as("seed %d", seed)
                        .isInstanceOf(JoinException.class);
                intruder.broadcast("from the misnamed peer".getBytes(StandardCharsets.UTF_8));
                assertThat(seedTransport.stats().sanMismatches())
                        .as("SAN mismatches counted at the seed, seed %d", seed)
                        .isPositive();
                assertThat(misnamed.lastHandshakeFailure())
                        .as("the refused peer knows it was refused, seed %d", seed)
                        .extracting(HandshakeFailure::kind)
                        .isEqualTo(HandshakeFailure.Kind.REFUSED_BY_PEER);
            }
            assertThat(seedTransport.stats().handshakeFailures()).isPositive();
            assertThat(seedNode.snapshot().drops(DropReason.AUTHENTICATION_FAILED))
                    .as("seed %d", seed)
                    .isPositive();
            // The misnamed peer is closed, but a flight it retransmitted may still be on its way
            // to the seed (CI once counted one more after this point): read the count once it
            // has stopped moving.
            long[] last = {-1};
            await().alias("the seed's SAN mismatches settle, seed " + seed)
                    .atMost(Duration.ofSeconds(20))
                    .during(Duration.ofMillis(500))
                    .until(() -> {
                        long now = seedTransport.stats().sanMismatches();
                        boolean same = now == last[0];
                        last[0] = now;
                        return same;
                    });
            long mismatches = seedTransport.stats().sanMismatches();

            DtlsTransport named = keys.add(new DtlsTransport(
                    LOOPBACK, DtlsSettings.defaults(keys.material("named")).withRequireSanMatch(true)));
            Queue<String> atPeer = new ConcurrentLinkedQueue<>();
            try (GossipNode peer = Gossip.builder(config()).transport(named).build()) {
                peer.addMessageListener(d -> atPeer.add(new String(d.payloadBytes(), StandardCharsets.UTF_8)));
                peer.start();
                peer.join(List.of(seedNode.id().address()), Duration.ofSeconds(10));
                peer.broadcast("from the named peer".getBytes(StandardCharsets.UTF_8));
                seedNode.broadcast("from the seed".getBytes(StandardCharsets.UTF_8));
                await().alias("both ways, seed " + seed)
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> atSeed.contains("from the named peer") && atPeer.contains("from the seed"));
            }
            assertThat(atSeed).as("seed %d", seed).containsExactly("from the named peer");
            assertThat(seedTransport.stats().sanMismatches())
                    .as("the named peer passed the check, seed %d", seed)
                    .isEqualTo(mismatches);
            assertThat(named.stats().sanMismatches()).isZero();
            assertThat(named.stats().handshakesCompleted()).isPositive();
        }
    }
}
