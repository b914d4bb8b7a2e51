package dev.gossip.it;

import dev.gossip.TransportConfig;
import dev.gossip.transport.dtls.DtlsSettings;
import dev.gossip.transport.dtls.DtlsTransport;
import dev.gossip.transport.dtls.KeyMaterial;
import dev.gossip.transport.dtls.ThrowawayCa;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates made in the test (an in-memory CA per cluster, seeded) and the {@link DtlsTransport}s
 * built from them, kept so a test can read their counters.
 */
final class DtlsNodes {

    static final char[] PASSWORD = "it-password".toCharArray();

    final ThrowawayCa ca;
    final List<DtlsTransport> transports = new ArrayList<>();
    private final TransportConfig config;

    DtlsNodes(String caName, long seed, TransportConfig config) {
        this.ca = ThrowawayCa.create(caName, seeded(seed));
        this.config = config;
    }

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Key material issued by this CA, trusting this CA only. */
    KeyMaterial material(String name) {
        return material(ca.issue(name, InetAddress.getLoopbackAddress()), ca.certificate());
    }

    static KeyMaterial material(ThrowawayCa.Issued issued, X509Certificate... trusted) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                trust.setCertificateEntry("ca" + i, trusted[i]);
            }
            return KeyMaterial.of(issued.keyStore(PASSWORD), PASSWORD, trust);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new transport for node {@code i} with a certificate from this CA. */
    DtlsTransport transport(int i) {
        return add(new DtlsTransport(config, DtlsSettings.defaults(material("node-" + i))));
    }

    DtlsTransport add(DtlsTransport transport) {
        transports.add(transport);
        return transport;
    }

    long sum(java.util.function.ToLongFunction<DtlsTransport.Stats> counter) {
        return transports.stream()
                .mapToLong(t -> counter.applyAsLong(t.stats()))
                .sum();
    }
}
