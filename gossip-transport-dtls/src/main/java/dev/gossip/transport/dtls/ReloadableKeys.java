package dev.gossip.transport.dtls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The key and trust managers of one transport's {@code SSLContext}, each a thin front over a
 * delegate that {@link #load} swaps: a handshake begun after a reload presents the new certificate
 * and checks peers against the new trust store, while sessions already set up go on undisturbed.
 * The trust side also applies the optional subjectAltName check.
 */
final class ReloadableKeys {

    /**
     * The key managers of the latest loads, by generation. The JDK asks for an alias, then for its
     * chain and its key in separate calls; the alias names its generation ({@code 3:node}) so a
     * handshake that straddles a reload still gets a chain and a key that belong together (the
     * same alias in the old and new store would otherwise pair the old certificate with the new
     * key, and the peer would see an invalid signature).
     */
    private final java.util.concurrent.ConcurrentHashMap<Integer, X509ExtendedKeyManager> generations =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final int KEPT_GENERATIONS = 4;
    private volatile int generation;
    private volatile X509ExtendedTrustManager trustManager;
    private final boolean requireSanMatch;

    ReloadableKeys(KeyMaterial material, boolean requireSanMatch) throws GeneralSecurityException, IOException {
        this.requireSanMatch = requireSanMatch;
        load(material);
    }

    /** Reads {@code material} and puts it in force for handshakes that start from now on. */
    void load(KeyMaterial material) throws GeneralSecurityException, IOException {
        KeyStore keys = material.keyStore();
        char[] password = material.keyPassword();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(keys, password);
        Arrays.fill(password, '\0');
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(material.trustStore());
        X509ExtendedKeyManager km = only(kmf.getKeyManagers(), X509ExtendedKeyManager.class);
        X509ExtendedTrustManager tm = only(tmf.getTrustManagers(), X509ExtendedTrustManager.class);
        if (km.getClientAliases("EC", null) == null && km.getClientAliases("RSA", null) == null) {
            throw new GeneralSecurityException("the key store holds no private key with a certificate chain");
        }
        synchronized (generations) {
            int next = generation + 1;
            generations.put(next, km);
            generations.remove(next - KEPT_GENERATIONS);
            this.generation = next;
        }
        this.trustManager = tm;
    }

    KeyManager[] keyManagers() {
        return new KeyManager[] {new FrontKeyManager()};
    }

    TrustManager[] trustManagers() {
        return new TrustManager[] {new FrontTrustManager()};
    }

    private static <T> T only(Object[] managers, Class<T> type) throws GeneralSecurityException {
        for (Object manager : managers) {
            if (type.isInstance(manager)) {
                return type.cast(manager);
            }
        }
        throw new GeneralSecurityException("no " + type.getSimpleName() + " among " + Arrays.toString(managers));
    }

    /** Throws unless the leaf certificate names the peer's IP address in its subjectAltName. */
    private void checkSan(X509Certificate[] chain, @Nullable SSLEngine engine) throws CertificateException {
        if (!requireSanMatch) {
            return;
        }
        String host = engine == null ? null : engine.getPeerHost();
        if (host == null || chain.length == 0) {
            throw new CertificateException("cannot check the subjectAltName: no peer address");
        }
        InetAddress peer;
        try {
            peer = InetAddress.getByName(host); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new CertificateException("peer address " + host + " is not an IP literal");
        }
        if (!sanNames(chain[0], peer)) {
            throw new SanMismatchException("the certificate of " + host + " (" + chain[0].getSubjectX500Principal()
                    + ") does not name " + peer.getHostAddress() + " in its subjectAltName");
        }
    }

    static boolean sanNames(X509Certificate certificate, InetAddress address) throws CertificateParsingException {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names == null) {
            return false;
        }
        for (List<?> name : names) {
            if (name.size() == 2 && Integer.valueOf(7).equals(name.get(0))) { // iPAddress
                try {
                    if (InetAddress.getByName((String) name.get(1)).equals(address)) {
                        return true;
                    }
                } catch (UnknownHostException e) {
                    // not an address: not a match
                }
            }
        }
        return false;
    }

    /** A certificate that is valid but does not name its sender's address. */
    static final class SanMismatchException extends CertificateException {
        private static final long serialVersionUID = 1L;

        SanMismatchException(String message) {
            super(message);
        }
    }

    private final class FrontKeyManager extends X509ExtendedKeyManager {
        private @Nullable String tag(@Nullable String alias, int gen) {
            return alias == null ? null : gen + ":" + alias;
        }

        private String @Nullable [] tag(String @Nullable [] aliases, int gen) {
            if (aliases == null) {
                return null;
            }
            String[] tagged = new String[aliases.length];
            for (int i = 0; i < aliases.length; i++) {
                tagged[i] = tag(aliases[i], gen);
            }
            return tagged;
        }

        /** @return the key manager of the alias's generation, or null if it is gone */
        private @Nullable X509ExtendedKeyManager managerOf(@Nullable String alias) {
            if (alias == null) {
                return null;
            }
            int colon = alias.indexOf(':');
            if (colon < 0) {
                return null;
            }
            try {
                return generations.get(Integer.parseInt(alias.substring(0, colon)));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private String untag(String alias) {
            return alias.substring(alias.indexOf(':') + 1);
        }

        /**
         * @return the key manager of the generation just read from {@link #generation}: {@link
         *     #load} puts it in before it publishes the number, and keeps the last {@value
         *     #KEPT_GENERATIONS}
         */
        private X509ExtendedKeyManager current(int gen) {
            return Objects.requireNonNull(generations.get(gen), "the key manager of the current generation");
        }

        @Override
        public String @Nullable [] getClientAliases(String keyType, Principal[] issuers) {
            int gen = generation;
            return tag(current(gen).getClientAliases(keyType, issuers), gen);
        }

        @Override
        public @Nullable String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            int gen = generation;
            return tag(current(gen).chooseClientAlias(keyType, issuers, socket), gen);
        }

        @Override
        public @Nullable String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            int gen = generation;
            return tag(current(gen).chooseEngineClientAlias(keyType, issuers, engine), gen);
        }

        @Override
        public String @Nullable [] getServerAliases(String keyType, Principal[] issuers) {
            int gen = generation;
            return tag(current(gen).getServerAliases(keyType, issuers), gen);
        }

        @Override
        public @Nullable String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            int gen = generation;
            return tag(current(gen).chooseServerAlias(keyType, issuers, socket), gen);
        }

        @Override
        public @Nullable String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            int gen = generation;
            return tag(current(gen).chooseEngineServerAlias(keyType, issuers, engine), gen);
        }

        @Override
        public X509Certificate @Nullable [] getCertificateChain(String alias) {
            X509ExtendedKeyManager manager = managerOf(alias);
            return manager == null ? null : manager.getCertificateChain(untag(alias));
        }

        @Override
        public @Nullable PrivateKey getPrivateKey(String alias) {
            X509ExtendedKeyManager manager = managerOf(alias);
            return manager == null ? null : manager.getPrivateKey(untag(alias));
        }
    }

    private final class FrontTrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("the dtls transport has no sockets");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("the dtls transport has no sockets");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            trustManager.checkClientTrusted(chain, authType, engine);
            checkSan(chain, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            trustManager.checkServerTrusted(chain, authType, engine);
            checkSan(chain, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the dtls transport checks peers through its SSLEngine");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the dtls transport checks peers through its SSLEngine");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return trustManager.getAcceptedIssuers();
        }
    }
}
