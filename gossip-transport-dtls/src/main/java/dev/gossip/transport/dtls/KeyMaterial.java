package dev.gossip.transport.dtls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;

/**
 * Where a {@link DtlsTransport} gets its own key and certificate chain, and the certificates it
 * trusts. Read when the transport is created and again at each {@link DtlsTransport#reloadKeys()},
 * so a source backed by files picks up a rotated certificate without a restart.
 */
public interface KeyMaterial {

    /**
     * @return the key store holding this node's private key and certificate chain
     * @throws GeneralSecurityException or {@link IOException} if it cannot be read
     * @throws IOException if a file cannot be read
     */
    KeyStore keyStore() throws GeneralSecurityException, IOException;

    /** @return the password of the key entry in {@link #keyStore()} */
    char[] keyPassword();

    /**
     * @return the key store holding the certificates (CAs) a peer's chain must lead to
     * @throws GeneralSecurityException or {@link IOException} if it cannot be read
     * @throws IOException if a file cannot be read
     */
    KeyStore trustStore() throws GeneralSecurityException, IOException;

    /**
     * Key material in memory.
     *
     * @param keyStore this node's key and chain
     * @param keyPassword the key entry's password
     * @param trustStore the trusted certificates
     * @return the material; {@link DtlsTransport#reloadKeys()} returns the same stores
     */
    static KeyMaterial of(KeyStore keyStore, char[] keyPassword, KeyStore trustStore) {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyPassword, "keyPassword");
        Objects.requireNonNull(trustStore, "trustStore");
        char[] password = keyPassword.clone();
        return new KeyMaterial() {
            @Override
            public KeyStore keyStore() {
                return keyStore;
            }

            @Override
            public char[] keyPassword() {
                return password.clone();
            }

            @Override
            public KeyStore trustStore() {
                return trustStore;
            }

            @Override
            public String toString() {
                return "KeyMaterial[in memory]";
            }
        };
    }

    /**
     * Key material in PKCS#12 files, read anew at each load.
     *
     * @param keyStore the key store file (this node's key and chain)
     * @param keyStorePassword its password, also the key entry's
     * @param trustStore the trust store file
     * @param trustStorePassword its password (may be empty)
     * @return the material
     */
    static KeyMaterial pkcs12(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword) {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(trustStorePassword, "trustStorePassword");
        char[] keyPassword = keyStorePassword.clone();
        char[] trustPassword = trustStorePassword.clone();
        return new KeyMaterial() {
            @Override
            public KeyStore keyStore() throws GeneralSecurityException, IOException {
                return load(keyStore, keyPassword);
            }

            @Override
            public char[] keyPassword() {
                return keyPassword.clone();
            }

            @Override
            public KeyStore trustStore() throws GeneralSecurityException, IOException {
                return load(trustStore, trustPassword);
            }

            @Override
            public String toString() {
                return "KeyMaterial[" + keyStore + ", trust " + trustStore + "]";
            }
        };
    }

    /**
     * Key material in files, read anew at each load: each file whose name ends in {@code .pem} is
     * read as PEM (the key file: an unencrypted PKCS#8 {@code PRIVATE KEY} block and the
     * {@code CERTIFICATE} chain, leaf first, no password needed; the trust file: one or more
     * {@code CERTIFICATE} blocks), any other as PKCS#12.
     *
     * @param keyStore this node's key and chain, PKCS#12 or {@code .pem}
     * @param keyStorePassword the PKCS#12 file's password, also the key entry's (ignored for PEM)
     * @param trustStore the trusted certificates, PKCS#12 or {@code .pem}
     * @param trustStorePassword the PKCS#12 file's password (ignored for PEM)
     * @return the material
     */
    static KeyMaterial files(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword) {
        KeyMaterial pkcs12 = pkcs12(keyStore, keyStorePassword, trustStore, trustStorePassword);
        boolean pemKey = isPem(keyStore);
        boolean pemTrust = isPem(trustStore);
        if (!pemKey && !pemTrust) {
            return pkcs12;
        }
        char[] keyPassword = pemKey ? "pem".toCharArray() : keyStorePassword.clone();
        return new KeyMaterial() {
            @Override
            public KeyStore keyStore() throws GeneralSecurityException, IOException {
                return pemKey ? Pem.keyStore(keyStore, keyPassword) : pkcs12.keyStore();
            }

            @Override
            public char[] keyPassword() {
                return keyPassword.clone();
            }

            @Override
            public KeyStore trustStore() throws GeneralSecurityException, IOException {
                return pemTrust ? Pem.trustStore(trustStore) : pkcs12.trustStore();
            }

            @Override
            public String toString() {
                return "KeyMaterial[" + keyStore + ", trust " + trustStore + "]";
            }
        };
    }

    /**
     * @param file a key or trust file
     * @return whether {@link #files} reads it as PEM (its name ends in {@code .pem})
     */
    static boolean isPem(Path file) {
        Path name = file.getFileName();
        return name != null
                && name.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pem");
    }

    private static KeyStore load(Path file, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return store;
    }
}
