package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.JoinException;
import dev.gossip.NodeSnapshot;
import dev.gossip.TransportConfig;
import dev.gossip.core.Gossip;
import dev.gossip.transport.dtls.DtlsSettings;
import dev.gossip.transport.dtls.DtlsTransport;
import dev.gossip.transport.dtls.KeyMaterial;
import dev.gossip.transport.dtls.ThrowawayCa;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The join-failure line names the likely cause, from the joining node's own counters: real nodes
 * over real DTLS and UDP sockets on 127.0.0.1, the joiner's key or certificate at odds with the
 * seed's. (CliProcessIT and KeyFileProcessIT show the same lines from {@code gossip} processes.)
 */
@Timeout(120)
class JoinFailureTest {

    private static final long SEED = 20_261_207L;
    private static final char[] PASSWORD = "test".toCharArray();
    private static final TransportConfig LOOPBACK =
            TransportConfig.builder().bind("127.0.0.1:0").build();

    private final ThrowawayCa clusterCa = ThrowawayCa.create("cluster CA", seeded(SEED));
    private final ThrowawayCa otherCa = ThrowawayCa.create("other CA", seeded(SEED + 1));

    @Test
    void aJoinerThatDoesNotTrustTheSeedsCertificateSaysSo() throws Exception {
        String line = joinLine(material(otherCa.issue("foreign", InetAddress.getLoopbackAddress()), otherCa));

        assertThat(line)
                .as("seed %d", SEED)
                .startsWith("join failed: ")
                .contains("dtls handshake failures: ")
                .contains("we do not trust the certificate of 127.0.0.1:")
                .doesNotContain("\n");
    }

    @Test
    void aJoinerWhoseCertificateTheSeedRefusesSaysThePeerRefusedIt() throws Exception {
        // trusts the cluster's CA, but its own certificate comes from another
        String line = joinLine(material(otherCa.issue("stranger", InetAddress.getLoopbackAddress()), clusterCa));

        assertThat(line)
                .as("seed %d", SEED)
                .contains("dtls handshake failures: ")
                .contains("refused our handshake")
                .contains("does not trust our certificate");
    }

    @Test
    void aPlaintextJoinerHearsNothingBackAndIsToldTheSeedsMayUseDtlsOrAKey() throws Exception {
        String line = joinLine(null);

        assertThat(line).contains("no datagram came back from the seeds").contains("--key-file or --transport dtls");
    }

    /** The causes read from the node's snapshot alone, with the counts as they would stand. */
    @Test
    void datagramsThatFailedAuthenticationOrAnswersWithoutAcceptanceAreNamed() {
        assertThat(JoinFailure.cause(snapshot(5, 3), null, true))
                .isEqualTo("3 datagram(s) from the seeds failed authentication: they seal with another key or"
                        + " --cluster-label");
        assertThat(JoinFailure.cause(snapshot(5, 3), null, false))
                .endsWith("they seal with a --key-file this node does not have");
        assertThat(JoinFailure.cause(snapshot(4, 0), null, false))
                .isEqualTo("datagrams received 4, none of them an acceptance");
        assertThat(JoinFailure.cause(snapshot(0, 0), null, true))
                .isEqualTo("no datagram came back from the seeds: none is running there, or they drop ours: they use"
                        + " another --key-file or --cluster-label, none, or --transport dtls");
    }

    private static NodeSnapshot snapshot(long received, long authenticationFailures) {
        java.util.Map<dev.gossip.DropReason, Long> drops = new java.util.EnumMap<>(dev.gossip.DropReason.class);
        for (dev.gossip.DropReason reason : dev.gossip.DropReason.values()) {
            drops.put(reason, 0L);
        }
        drops.put(dev.gossip.DropReason.AUTHENTICATION_FAILED, authenticationFailures);
        return new NodeSnapshot(
                new dev.gossip.NodeId(dev.gossip.Address.parse("127.0.0.1:7946")),
                NodeSnapshot.State.RUNNING,
                List.of(),
                List.of(),
                1.0,
                10,
                received,
                0,
                0,
                0,
                0,
                drops,
                java.util.Map.of());
    }

    /** Starts a dtls seed, tries to join it over {@code joiner} (dtls) or plain udp ({@code null}). */
    private String joinLine(@Nullable KeyMaterial joiner) throws Exception {
        GossipConfig config = GossipConfig.local().toBuilder()
                .transport(LOOPBACK)
                .transportProvider("dtls")
                .build();
        DtlsTransport seedTransport = new DtlsTransport(
                LOOPBACK,
                DtlsSettings.defaults(material(clusterCa.issue("seed", InetAddress.getLoopbackAddress()), clusterCa)));
        try (GossipNode seed = Gossip.builder(config).transport(seedTransport).build()) {
            seed.start();
            DtlsTransport dtls = joiner == null ? null : new DtlsTransport(LOOPBACK, DtlsSettings.defaults(joiner));
            GossipConfig joinerConfig =
                    joiner == null ? config.toBuilder().transportProvider("udp").build() : config;
            try (GossipNode node = new GossipNodes().create(joinerConfig, dtls)) {
                node.start();
                JoinException error = catchThrowableOfType(
                        JoinException.class, () -> node.join(List.of(seed.id().address()), Duration.ofSeconds(2)));
                assertThat(error).as("the join must fail").isNotNull();
                NodeSnapshot snapshot = node.snapshot();
                String line = JoinFailure.line(error, snapshot, dtls, false);
                System.out.println(line);
                return line;
            }
        }
    }

    private static KeyMaterial material(ThrowawayCa.Issued issued, ThrowawayCa trusted) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trusted.certificate());
        return KeyMaterial.of(issued.keyStore(PASSWORD), PASSWORD, trust);
    }

    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
