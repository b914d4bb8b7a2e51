package dev.gossip.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Adding, switching and removing keys; what a keyring refuses. */
class KeyringTest {

    private static final byte[] K1 = EncryptedTransportTest.key(1);
    private static final byte[] K2 = EncryptedTransportTest.key(2);

    @Test
    void primaryFirstThenOthers() {
        Keyring ring = Keyring.of(K1, K2);
        assertThat(ring.size()).isEqualTo(2);
        assertThat(ring.primaryFingerprint()).isEqualTo(Keyring.fingerprint(K1));
        assertThat(ring.fingerprints()).containsExactly(Keyring.fingerprint(K1), Keyring.fingerprint(K2));

        ring.use(K2);
        assertThat(ring.fingerprints()).containsExactly(Keyring.fingerprint(K2), Keyring.fingerprint(K1));
        ring.remove(K1);
        assertThat(ring.fingerprints()).containsExactly(Keyring.fingerprint(K2));
        ring.remove(K1); // not installed: no-op
        ring.add(K2); // installed: no-op
        assertThat(ring.size()).isEqualTo(1);
    }

    @Test
    void refusesBadKeysAndRemovingThePrimary() {
        Keyring ring = Keyring.of(K1);
        assertThatThrownBy(() -> ring.remove(K1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("primary");
        assertThatThrownBy(() -> ring.add(new byte[15])).hasMessageContaining("16, 24 or 32");
        assertThatThrownBy(() -> Keyring.of(null)).isInstanceOf(NullPointerException.class);
        for (int i = 0; i < Keyring.MAX_KEYS - 1; i++) {
            ring.add(EncryptedTransportTest.key(100 + i));
        }
        assertThatThrownBy(() -> ring.add(K2)).hasMessageContaining("at most");
    }

    @Test
    void replaceSwapsTheWholeSetOrNothing() {
        byte[] k3 = EncryptedTransportTest.key(3);
        Keyring ring = Keyring.of(K1, K2);
        ring.replace(k3, java.util.List.of(K2, k3, K2));
        assertThat(ring.fingerprints()).containsExactly(Keyring.fingerprint(k3), Keyring.fingerprint(K2));

        java.util.List<byte[]> sixteen = new java.util.ArrayList<>();
        for (int i = 0; i < Keyring.MAX_KEYS; i++) {
            sixteen.add(EncryptedTransportTest.key(200 + i));
        }
        assertThatThrownBy(() -> ring.replace(K1, sixteen)).hasMessageContaining("at most 16 keys, was 17");
        assertThatThrownBy(() -> ring.replace(K1, java.util.List.of(K2, new byte[15])))
                .hasMessageContaining("16, 24 or 32");
        assertThat(ring.fingerprints()).containsExactly(Keyring.fingerprint(k3), Keyring.fingerprint(K2));

        ring.replace(sixteen.get(0), sixteen.subList(1, 16));
        assertThat(ring.size()).isEqualTo(Keyring.MAX_KEYS);
        assertThat(ring.primaryFingerprint()).isEqualTo(Keyring.fingerprint(sixteen.get(0)));
    }

    @Test
    void generatedKeysAreAes256AndDistinct() {
        assertThat(Keyring.generateKey()).hasSize(32).isNotEqualTo(Keyring.generateKey());
        assertThat(Keyring.of(new byte[16]).size()).isEqualTo(1);
        assertThat(Keyring.of(new byte[24]).toString()).startsWith("Keyring[");
    }

    @Test
    void encryptionValidatesItsFields() {
        Keyring ring = Keyring.of(K1);
        assertThatThrownBy(() ->
                        Encryption.builder(ring).clusterLabel("x".repeat(256)).build())
                .hasMessageContaining("clusterLabel");
        assertThatThrownBy(() -> Encryption.builder(ring).maxTrackedSenders(0).build())
                .hasMessageContaining("maxTrackedSenders");
        assertThat(Encryption.of(ring).clusterLabel()).isEmpty();
    }
}
