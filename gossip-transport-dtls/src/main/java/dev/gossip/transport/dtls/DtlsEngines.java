package dev.gossip.transport.dtls;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * Makes the sessions of one transport: an {@link SSLEngine} from its {@code SSLContext}, set up
 * the same way for every peer (packet size, retransmissions, client authentication, suite order).
 */
final class DtlsEngines implements HelloAdmission.SessionFactory {

    private static final String[] PREFERRED_SUITES = {
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
    };

    private final SSLContext context;
    private final DtlsSettings settings;
    private final int maxPacketBytes;
    private final DtlsSession.Io io;

    DtlsEngines(SSLContext context, DtlsSettings settings, int maxPacketBytes, DtlsSession.Io io) {
        this.context = context;
        this.settings = settings;
        this.maxPacketBytes = maxPacketBytes;
        this.io = io;
    }

    @Override
    public DtlsSession create(InetSocketAddress peer, boolean client, long now) {
        SSLEngine engine = context.createSSLEngine(peer.getAddress().getHostAddress(), peer.getPort());
        engine.setUseClientMode(client);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setMaximumPacketSize(maxPacketBytes);
        parameters.setEnableRetransmissions(true);
        if (!client) {
            parameters.setNeedClientAuth(true);
        }
        parameters.setCipherSuites(preferredSuites(parameters.getCipherSuites()));
        parameters.setUseCipherSuitesOrder(true);
        engine.setSSLParameters(parameters);
        return new DtlsSession(
                peer,
                engine,
                client,
                io,
                settings.maxPendingPerPeer(),
                now,
                settings.handshakeTimeout().toNanos(),
                settings.retransmitInitial().toNanos());
    }

    /**
     * The JDK's suites with AES-128-GCM over ECDHE moved to the front: each datagram is one record,
     * so the per-record cipher cost is the transport's cost, and AES-128 does 10 rounds to
     * AES-256's 14 for the same protection this use needs; ChaCha20 has no intrinsic on JDK 17.
     */
    private static String[] preferredSuites(String[] enabled) {
        List<String> ordered = new ArrayList<>();
        for (String preferred : PREFERRED_SUITES) {
            if (Arrays.asList(enabled).contains(preferred)) {
                ordered.add(preferred);
            }
        }
        for (String suite : enabled) {
            if (!ordered.contains(suite)) {
                ordered.add(suite);
            }
        }
        return ordered.toArray(String[]::new);
    }

    /**
     * Invalidates the JDK's cache of resumable TLS sessions: a resumed (abbreviated) handshake
     * checks no certificate, so without this a peer whose CA was just dropped from the trust store
     * could come back on an old session.
     */
    void forgetResumableSessions() {
        for (SSLSessionContext cache : List.of(context.getClientSessionContext(), context.getServerSessionContext())) {
            for (Enumeration<byte[]> ids = cache.getIds(); ids.hasMoreElements(); ) {
                SSLSession cached = cache.getSession(ids.nextElement());
                if (cached != null) {
                    cached.invalidate();
                }
            }
        }
    }
}
