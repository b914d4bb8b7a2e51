package dev.gossip.bench;

import dev.gossip.transport.dtls.ThrowawayCa;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.SplittableRandom;
import java.util.Vector;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.UDPTransport;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * BouncyCastle's DTLS 1.2 ({@code bctls}: {@link DTLSClientProtocol} and {@link DTLSServerProtocol}
 * over its {@link UDPTransport}, on two connected sockets on 127.0.0.1), set up as our {@code dtls}
 * transport is: EC P-256 certificates from one in-memory CA, mutual authentication, the suite
 * {@code TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}, the cipher from the JDK's provider (BC's
 * {@link JcaTlsCrypto}, so both libraries seal with the same AES-GCM code). The handshake is done
 * when the path opens; each {@link #send} is one record, counted by a receive thread. For
 * {@link DtlsLibraryRatioMain}.
 */
final class BcDtlsPath extends UdpPath {

    private static final int MTU = 1_500;
    private static final SignatureAndHashAlgorithm ECDSA_SHA256 =
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    private final DatagramSocket clientSocket;
    private final DatagramSocket serverSocket;
    private final DTLSTransport client;
    private final DTLSTransport server;
    private final byte[] payload;
    private final Thread receiveThread;
    private volatile boolean closed;

    BcDtlsPath(int payloadBytes) throws IOException {
        this.payload = new byte[payloadBytes];
        new SplittableRandom(42).nextBytes(payload);
        ThrowawayCa ca = ThrowawayCa.create("bench CA", new SecureRandom());
        JcaTlsCrypto crypto = new JcaTlsCryptoProvider().create(new SecureRandom());
        serverSocket = socket();
        clientSocket = socket();
        serverSocket.connect(clientSocket.getLocalSocketAddress());
        clientSocket.connect(serverSocket.getLocalSocketAddress());
        Peer serverPeer = new Peer(crypto, ca, "server");
        Peer clientPeer = new Peer(crypto, ca, "client");
        CompletableFuture<DTLSTransport> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return new DTLSServerProtocol().accept(serverPeer.server(), new UDPTransport(serverSocket, MTU));
            } catch (IOException e) {
                throw new IllegalStateException("the BouncyCastle server handshake failed: " + e, e);
            }
        });
        client = new DTLSClientProtocol().connect(clientPeer.client(), new UDPTransport(clientSocket, MTU));
        try {
            server = accepted.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("the BouncyCastle handshake did not complete: " + e, e);
        }
        receiveThread = new Thread(this::receive, "bc-dtls-rx");
        receiveThread.setDaemon(true);
        receiveThread.start();
    }

    private static DatagramSocket socket() throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        socket.setReceiveBufferSize(4 * 1024 * 1024);
        socket.setSendBufferSize(1024 * 1024);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket;
    }

    private void receive() {
        byte[] buffer = new byte[MTU + 100];
        while (!closed) {
            try {
                if (server.receive(buffer, 0, buffer.length, 100) >= 0) {
                    count.increment();
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    System.err.println("bc-dtls receive failed: " + e);
                }
                return;
            }
        }
    }

    @Override
    boolean send() {
        try {
            client.send(payload, 0, payload.length);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            client.close();
        } catch (IOException e) {
            // closing anyway
        }
        clientSocket.close();
        serverSocket.close();
    }

    /** One side's certificate, key and trust (the CA), in BouncyCastle's types. */
    private static final class Peer {
        private final JcaTlsCrypto crypto;
        private final PrivateKey key;
        private final Certificate chain;
        private final X509Certificate ca;

        Peer(JcaTlsCrypto crypto, ThrowawayCa authority, String name) throws IOException {
            this.crypto = crypto;
            ThrowawayCa.Issued issued = authority.issue(name, InetAddress.getLoopbackAddress());
            this.key = issued.key();
            this.ca = authority.certificate();
            TlsCertificate[] certificates = new TlsCertificate[issued.chain().length];
            try {
                for (int i = 0; i < certificates.length; i++) {
                    certificates[i] = crypto.createCertificate(issued.chain()[i].getEncoded());
                }
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
            this.chain = new Certificate(certificates);
        }

        /** Checks that the peer's first certificate is signed by the CA and valid now. */
        void verify(Certificate peer) throws IOException {
            if (peer == null || peer.isEmpty()) {
                throw new TlsFatalAlert(AlertDescription.bad_certificate);
            }
            try {
                X509Certificate first = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(
                                peer.getCertificateAt(0).getEncoded()));
                first.checkValidity();
                first.verify(ca.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new TlsFatalAlert(AlertDescription.bad_certificate, e);
            }
        }

        DefaultTlsServer server() {
            return new DefaultTlsServer(crypto) {
                @Override
                protected ProtocolVersion[] getSupportedVersions() {
                    return new ProtocolVersion[] {ProtocolVersion.DTLSv12};
                }

                @Override
                protected int[] getSupportedCipherSuites() {
                    return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
                }

                @Override
                protected TlsCredentialedSigner getECDSASignerCredentials() {
                    return new JcaDefaultTlsCredentialedSigner(
                            new TlsCryptoParameters(context), crypto, key, chain, ECDSA_SHA256);
                }

                @Override
                public CertificateRequest getCertificateRequest() {
                    Vector<SignatureAndHashAlgorithm> algorithms = new Vector<>();
                    algorithms.add(ECDSA_SHA256);
                    return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign}, algorithms, null);
                }

                @Override
                public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
                    verify(clientCertificate);
                }
            };
        }

        DefaultTlsClient client() {
            return new DefaultTlsClient(crypto) {
                @Override
                protected ProtocolVersion[] getSupportedVersions() {
                    return new ProtocolVersion[] {ProtocolVersion.DTLSv12};
                }

                @Override
                protected int[] getSupportedCipherSuites() {
                    return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
                }

                @Override
                public TlsAuthentication getAuthentication() {
                    return new TlsAuthentication() {
                        @Override
                        public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                            verify(serverCertificate.getCertificate());
                        }

                        @Override
                        public TlsCredentials getClientCredentials(CertificateRequest request) {
                            return new JcaDefaultTlsCredentialedSigner(
                                    new TlsCryptoParameters(context), crypto, key, chain, ECDSA_SHA256);
                        }
                    };
                }
            };
        }
    }
}
