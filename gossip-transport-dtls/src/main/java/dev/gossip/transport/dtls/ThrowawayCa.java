package dev.gossip.transport.dtls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A certificate authority that lives in memory only: an EC P-256 key and a self-signed CA
 * certificate, which issues node certificates (EC P-256, signed with SHA256withECDSA, a
 * subjectAltName per IP address given). For {@code gossip demo --transport dtls} and tests, where
 * a real CA (docs/security.md shows the keytool commands) would be a chore; nothing it makes is
 * meant to outlive the process. The certificates are written with the JDK alone (a small DER
 * encoder), so the transport needs no extra dependency. Thread-safe.
 */
public final class ThrowawayCa {

    /** Alias of the key entry in the key stores {@link Issued#keyStore} makes. */
    public static final String KEY_ALIAS = "node";

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration NODE_VALIDITY = Duration.ofDays(30);
    private static final byte[] ECDSA_WITH_SHA256 = Der.sequence(Der.oid(1, 2, 840, 10045, 4, 3, 2));

    private final String name;
    private final SecureRandom random;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private ThrowawayCa(String name, SecureRandom random) throws GeneralSecurityException {
        this.name = name;
        this.random = random;
        this.keys = newKeyPair(random);
        Instant now = Instant.now();
        byte[] caExtensions = Der.explicit(
                3,
                Der.sequence(Der.sequence(
                        Der.oid(2, 5, 29, 19), // basicConstraints, critical, cA = true
                        Der.bool(true),
                        Der.tlv(Der.OCTET_STRING, Der.sequence(Der.bool(true))))));
        this.certificate = sign(
                Der.commonName(name),
                Der.commonName(name),
                keys,
                keys.getPrivate(),
                now.minus(Duration.ofHours(1)),
                now.plus(CA_VALIDITY),
                caExtensions);
    }

    /**
     * Creates a CA with a new key.
     *
     * @param name the common name of the CA certificate
     * @param random the source of keys and serial numbers
     * @return the CA
     * @throws IllegalStateException if the JDK lacks EC P-256 or SHA256withECDSA
     */
    public static ThrowawayCa create(String name, SecureRandom random) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(random, "random");
        try {
            return new ThrowawayCa(name, random);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a throwaway CA: " + e.getMessage(), e);
        }
    }

    /** @return the CA's self-signed certificate, the trust anchor of what it issues */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * A trust store holding this CA's certificate alone.
     *
     * @return a new PKCS#12 key store, not password protected in memory
     */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", certificate);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a trust store: " + e.getMessage(), e);
        }
    }

    /**
     * Issues a node certificate valid from an hour ago for 30 days.
     *
     * @param commonName the subject's common name
     * @param addresses the IP addresses to name in the subjectAltName
     * @return the key and chain (node certificate, then this CA's)
     */
    public Issued issue(String commonName, InetAddress... addresses) {
        Instant now = Instant.now();
        return issue(commonName, now.minus(Duration.ofHours(1)), now.plus(NODE_VALIDITY), addresses);
    }

    /**
     * Issues a node certificate valid between two instants (an expired one, for a test, too).
     *
     * @param commonName the subject's common name
     * @param notBefore the start of validity
     * @param notAfter the end of validity
     * @param addresses the IP addresses to name in the subjectAltName
     * @return the key and chain (node certificate, then this CA's)
     */
    public Issued issue(String commonName, Instant notBefore, Instant notAfter, InetAddress... addresses) {
        Objects.requireNonNull(commonName, "commonName");
        try {
            KeyPair node = newKeyPair(random);
            List<byte[]> extensions = new ArrayList<>();
            extensions.add(Der.sequence(Der.oid(2, 5, 29, 19), Der.tlv(Der.OCTET_STRING, Der.sequence()))); // not a CA
            if (addresses.length > 0) {
                List<byte[]> names = new ArrayList<>();
                for (InetAddress address : addresses) {
                    names.add(Der.tlv(0x87, address.getAddress())); // iPAddress [7] IMPLICIT
                }
                extensions.add(Der.sequence(
                        Der.oid(2, 5, 29, 17), Der.tlv(Der.OCTET_STRING, Der.sequence(names.toArray(byte[][]::new)))));
            }
            X509Certificate issued = sign(
                    Der.commonName(name),
                    Der.commonName(commonName),
                    node,
                    keys.getPrivate(),
                    notBefore,
                    notAfter,
                    Der.explicit(3, Der.sequence(extensions.toArray(byte[][]::new))));
            return new Issued(node.getPrivate(), new X509Certificate[] {issued, certificate});
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a certificate: " + e.getMessage(), e);
        }
    }

    private X509Certificate sign(
            byte[] issuer,
            byte[] subject,
            KeyPair subjectKeys,
            PrivateKey signer,
            Instant notBefore,
            Instant notAfter,
            byte[] extensions)
            throws GeneralSecurityException {
        byte[] serial = new byte[16];
        random.nextBytes(serial);
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
                Der.integer(new BigInteger(1, serial)),
                ECDSA_WITH_SHA256,
                issuer,
                Der.sequence(Der.time(notBefore.atZone(ZoneOffset.UTC)), Der.time(notAfter.atZone(ZoneOffset.UTC))),
                subject,
                subjectKeys.getPublic().getEncoded(), // SubjectPublicKeyInfo, DER already
                extensions);
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(signer, random);
        signature.update(tbs);
        byte[] der = Der.sequence(tbs, ECDSA_WITH_SHA256, Der.bitString(signature.sign()));
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    @Override
    public String toString() {
        return "ThrowawayCa[" + name + "]";
    }

    /**
     * A private key and its certificate chain.
     *
     * @param key the private key
     * @param chain the node certificate first, then the CA's
     */
    public record Issued(PrivateKey key, X509Certificate[] chain) {

        /**
         * Puts the key and chain in a new PKCS#12 key store under {@link #KEY_ALIAS}.
         *
         * @param password the key entry's password (and the store's, when it is saved)
         * @return the key store
         */
        public KeyStore keyStore(char[] password) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(KEY_ALIAS, key, password, chain);
                return store;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot make a key store: " + e.getMessage(), e);
            }
        }
    }
}
