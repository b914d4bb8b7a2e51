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
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The key and trust managers of one transport's {@code SSLContext}, each a thin front over a
 * delegate that {@link #load} swaps: a handshake begun after a reload presents the new certificate
 * and checks peers against the new trust store, while sessions already set up go on undisturbed.
 * The trust side also applies the optional subjectAltName check.
 */
final class ReloadableKeys {

    private volatile X509ExtendedKeyManager keyManager;
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
        this.keyManager = km;
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
    private void checkSan(X509Certificate[] chain, SSLEngine engine) throws CertificateException {
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
        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return keyManager.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return keyManager.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return keyManager.chooseEngineClientAlias(keyType, issuers, engine);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return keyManager.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keyManager.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return keyManager.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keyManager.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keyManager.getPrivateKey(alias);
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
