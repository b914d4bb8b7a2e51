package dev.gossip.transport.dtls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files (RFC 7468) read with the JDK alone, into in-memory PKCS#12 key stores: a node's file
 * holds one unencrypted PKCS#8 {@code PRIVATE KEY} block and its {@code CERTIFICATE} chain, leaf
 * first; a trust file holds one or more {@code CERTIFICATE} blocks. Other blocks are ignored.
 */
final class Pem {

    /** The alias of the key entry in the store {@link #keyStore} makes. */
    static final String KEY_ALIAS = "node";

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA", "Ed25519", "Ed448");

    private Pem() {}

    /**
     * @param file a PEM file with a {@code PRIVATE KEY} and its {@code CERTIFICATE} chain
     * @param password the password to give the key entry in the store made
     * @return a PKCS#12 store holding them under {@value #KEY_ALIAS}
     * @throws GeneralSecurityException naming the file and what is wrong with it
     * @throws IOException if the file cannot be read
     */
    static KeyStore keyStore(Path file, char[] password) throws GeneralSecurityException, IOException {
        String text = read(file);
        List<byte[]> keys = blocks(text, "PRIVATE KEY");
        if (keys.size() != 1) {
            throw new GeneralSecurityException(file + ": needs exactly one PEM 'PRIVATE KEY' block (unencrypted"
                    + " PKCS#8), found " + keys.size()
                    + (blocks(text, "ENCRYPTED PRIVATE KEY").isEmpty()
                            ? ""
                            : "; an ENCRYPTED PRIVATE KEY is not read: decrypt it"
                                    + " (openssl pkcs8 -in key.pem -out plain.pem) and keep the file mode 0600"));
        }
        List<X509Certificate> chain = certificates(file, text);
        PrivateKey key = privateKey(file, keys.get(0));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(KEY_ALIAS, key, password, chain.toArray(X509Certificate[]::new));
        return store;
    }

    /**
     * @param file a PEM file with one or more {@code CERTIFICATE} blocks
     * @return a PKCS#12 store trusting each of them
     * @throws GeneralSecurityException naming the file if it holds no certificate
     * @throws IOException if the file cannot be read
     */
    static KeyStore trustStore(Path file) throws GeneralSecurityException, IOException {
        List<X509Certificate> certificates = certificates(file, read(file));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("ca" + i, certificates.get(i));
        }
        return store;
    }

    /** @return the decoded bodies of every block of this type, in order */
    static List<byte[]> blocks(String text, String type) throws GeneralSecurityException {
        List<byte[]> found = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                try {
                    found.add(Base64.getMimeDecoder().decode(m.group(2)));
                } catch (IllegalArgumentException e) {
                    throw new GeneralSecurityException("a PEM '" + type + "' block is not valid base64", e);
                }
            }
        }
        return found;
    }

    private static List<X509Certificate> certificates(Path file, String text) throws GeneralSecurityException {
        List<byte[]> blocks = blocks(text, "CERTIFICATE");
        if (blocks.isEmpty()) {
            throw new GeneralSecurityException(file + ": no PEM 'CERTIFICATE' block");
        }
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        for (byte[] der : blocks) {
            try {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (GeneralSecurityException e) {
                throw new GeneralSecurityException(
                        file + ": a CERTIFICATE block is not an X.509 certificate: " + e.getMessage(), e);
            }
        }
        return certificates;
    }

    private static PrivateKey privateKey(Path file, byte[] pkcs8) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException e) {
                // not this algorithm: try the next
            }
        }
        throw new GeneralSecurityException(
                file + ": the PRIVATE KEY block is not a PKCS#8 key of " + String.join(", ", KEY_ALGORITHMS));
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
