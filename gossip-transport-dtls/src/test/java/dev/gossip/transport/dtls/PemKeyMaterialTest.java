package dev.gossip.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gossip.TransportConfig;
import dev.gossip.testkit.RecordingReceiver;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Key, certificate and trust files in PEM, read with the JDK alone, carrying a real handshake. */
@Timeout(60)
class PemKeyMaterialTest {

    private static final TransportConfig LOOPBACK =
            TransportConfig.builder().bind("127.0.0.1:0").build();

    @TempDir
    Path dir;

    @Test
    void twoTransportsWithPemFilesHandshakeAndDeliver() throws Exception {
        Path a = nodePem("a");
        Path b = nodePem("b");
        Path trust =
                write("ca.pem", pem("CERTIFICATE", TestKeys.CA.certificate().getEncoded()));

        DtlsTransport sender = new DtlsTransport(
                LOOPBACK,
                DtlsSettings.fromProperties(
                        Map.of(DtlsSettings.KEYSTORE, a.toString(), DtlsSettings.TRUSTSTORE, trust.toString())));
        RecordingReceiver atB = new RecordingReceiver();
        DtlsTransport receiver = new DtlsTransport(
                LOOPBACK,
                DtlsSettings.fromProperties(
                        Map.of(DtlsSettings.KEYSTORE, b.toString(), DtlsSettings.TRUSTSTORE, trust.toString())));
        try {
            receiver.start(atB);
            sender.start(new RecordingReceiver());
            assertThat(sender.send(receiver.localAddress(), ByteBuffer.wrap(new byte[] {7})))
                    .isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> atB.count() == 1);
            assertThat(receiver.stats().handshakesCompleted()).isEqualTo(1);
            // read anew at each reload, as the PKCS#12 files are
            receiver.reloadKeys();
            assertThat(receiver.stats().keyReloads()).isEqualTo(1);
        } finally {
            sender.close();
            receiver.close();
        }
    }

    @Test
    void aPemKeyFileWithoutItsKeyOrWithAnEncryptedOneIsRefusedNamingTheFile() throws Exception {
        Path trust =
                write("ca.pem", pem("CERTIFICATE", TestKeys.CA.certificate().getEncoded()));
        ThrowawayCa.Issued issued = TestKeys.CA.issue("c", InetAddress.getLoopbackAddress());
        String chain = pem("CERTIFICATE", issued.chain()[0].getEncoded());

        Path certificateOnly = write("cert-only.pem", chain);
        assertThatThrownBy(() -> transport(certificateOnly, trust))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(certificateOnly + ": needs exactly one PEM 'PRIVATE KEY' block");

        Path encrypted = write("encrypted.pem", pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}) + chain);
        assertThatThrownBy(() -> transport(encrypted, trust))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("an ENCRYPTED PRIVATE KEY is not read");

        Path garbage = write("garbage.pem", pem("PRIVATE KEY", new byte[] {48, 3, 2, 1, 0}) + chain);
        assertThatThrownBy(() -> transport(garbage, trust))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a PKCS#8 key");

        Path noCertificates = write("empty-trust.pem", "# nothing here\n");
        assertThatThrownBy(() -> transport(nodePem("d"), noCertificates))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(noCertificates + ": no PEM 'CERTIFICATE' block");

        assertThatThrownBy(() -> transport(dir.resolve("missing.pem"), trust))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing.pem: no such file");
    }

    private static DtlsTransport transport(Path key, Path trust) {
        return new DtlsTransport(
                LOOPBACK,
                DtlsSettings.fromProperties(
                        Map.of(DtlsSettings.KEYSTORE, key.toString(), DtlsSettings.TRUSTSTORE, trust.toString())));
    }

    /** A node's PEM file as openssl writes one: the PKCS#8 key, then the chain, leaf first. */
    private Path nodePem(String name) throws Exception {
        ThrowawayCa.Issued issued = TestKeys.CA.issue("node-" + name, InetAddress.getLoopbackAddress());
        StringBuilder text = new StringBuilder(pem("PRIVATE KEY", issued.key().getEncoded()));
        for (X509Certificate certificate : issued.chain()) {
            text.append(pem("CERTIFICATE", certificate.getEncoded()));
        }
        return write(name + ".pem", text.toString());
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
