package dev.gossip.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.TransportConfig;
import dev.gossip.spi.TransportProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DtlsTransportProviderTest {

    @Test
    void serviceLoaderFindsTheDtlsProvider() {
        assertThat(ServiceLoader.load(TransportProvider.class).stream()
                        .map(p -> p.get().name()))
                .contains("dtls");
    }

    @Test
    void missingKeyStorePropertiesAreNamed() {
        assertThatThrownBy(() -> new DtlsTransportProvider()
                        .create(TransportConfig.builder().bind("127.0.0.1:0").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dtls.keystore")
                .hasMessageContaining("dtls.truststore");
    }

    @Test
    void keyStoreFilesFromPropertiesAreRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path keys = dir.resolve("node.p12");
        java.nio.file.Path trust = dir.resolve("trust.p12");
        try (var out = java.nio.file.Files.newOutputStream(keys)) {
            TestKeys.CA.issue("file-node").keyStore(TestKeys.PASSWORD).store(out, TestKeys.PASSWORD);
        }
        try (var out = java.nio.file.Files.newOutputStream(trust)) {
            TestKeys.CA.trustStore().store(out, "trust".toCharArray());
        }
        TransportConfig config = TransportConfig.builder()
                .bind("127.0.0.1:0")
                .properties(java.util.Map.of(
                        DtlsSettings.KEYSTORE,
                        keys.toString(),
                        DtlsSettings.KEYSTORE_PASSWORD,
                        new String(TestKeys.PASSWORD),
                        DtlsSettings.TRUSTSTORE,
                        trust.toString(),
                        DtlsSettings.TRUSTSTORE_PASSWORD,
                        "trust"))
                .build();
        try (DtlsTransport transport = (DtlsTransport) new DtlsTransportProvider().create(config)) {
            transport.reloadKeys();
            assertThat(transport.stats().keyReloads()).isEqualTo(1);
        }
        assertThatThrownBy(() -> new DtlsTransport(config.toBuilder()
                        .properties(java.util.Map.of(
                                DtlsSettings.KEYSTORE, keys.toString(),
                                DtlsSettings.KEYSTORE_PASSWORD, "wrong",
                                DtlsSettings.TRUSTSTORE, trust.toString()))
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the dtls key material");
    }
}
