package dev.gossip.transport.dtls;

import java.net.InetAddress;
import java.security.SecureRandom;

/** One throwaway CA per test JVM, and node key material issued by it. */
final class TestKeys {

    static final long SEED = 20261207L;
    static final char[] PASSWORD = "test-password".toCharArray();
    static final ThrowawayCa CA = ThrowawayCa.create("gossip test CA", seeded(SEED));

    private TestKeys() {}

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyMaterial node(String name) {
        return material(CA, CA.issue(name, InetAddress.getLoopbackAddress()));
    }

    static KeyMaterial material(ThrowawayCa trusted, ThrowawayCa.Issued issued) {
        return KeyMaterial.of(issued.keyStore(PASSWORD), PASSWORD, trusted.trustStore());
    }
}
