package dev.gossip.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.core.security.Keyring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file format: what it accepts, and the one-line error, with the line, for what it does not. */
class KeyFileTest {

    static byte[] key(int seed, int length) {
        byte[] key = new byte[length];
        for (int i = 0; i < length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }

    static String b64(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    private static List<byte[]> parse(String... lines) throws KeyFile.InvalidKeyFile {
        return KeyFile.parse("keys", List.of(lines));
    }

    private static String error(String... lines) {
        try {
            parse(lines);
        } catch (KeyFile.InvalidKeyFile e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted " + List.of(lines));
    }

    @Test
    void firstKeyLineIsPrimaryCommentsAndBlankLinesAreSkipped() throws Exception {
        byte[] a = key(1, 32);
        byte[] b = key(2, 16);
        byte[] c = key(3, 24);
        List<byte[]> keys = parse("# cluster keys", "", "  " + b64(a) + "  ", "\t", "   # old", b64(b), b64(c));
        assertThat(keys).containsExactly(a, b, c);
        Keyring ring = KeyFile.keyring(keys);
        assertThat(ring.primaryFingerprint()).isEqualTo(Keyring.fingerprint(a));
        assertThat(ring.fingerprints()).containsExactlyElementsOf(KeyFile.fingerprints(keys));
        assertThat(parse("\uFEFF" + b64(a))).containsExactly(a);
    }

    @Test
    void eachBadLineIsNamedByNumber() {
        String good = b64(key(1, 32));
        assertThat(error("# c", good, "not*base64!")).isEqualTo("keys line 3: not base64 (" + KeyFile.FORMAT + ")");
        assertThat(error(good, "", b64(key(2, 20))))
                .isEqualTo("keys line 3: a key of 20 bytes; an AES key is 16, 24 or 32 bytes");
        assertThat(error(b64(new byte[0]) + "=")).startsWith("keys line 1: not base64");
        assertThat(error(good, good)).isEqualTo("keys line 2: the same key as line 1");
        assertThat(error(good + " # primary")).startsWith("keys line 1: more than one word");
        assertThat(error(good.substring(0, 42))).startsWith("keys line 1: a key of 31 bytes");
    }

    @Test
    void anEmptyFileOrOneOfCommentsHasNoKey() {
        assertThat(error()).startsWith("keys: no key (").contains("gossip keygen keys");
        assertThat(error("# only a comment", "   ")).startsWith("keys: no key (");
    }

    @Test
    void atMostAKeyringsWorth() throws Exception {
        String[] lines = new String[Keyring.MAX_KEYS + 1];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = b64(key(i, 32));
        }
        assertThat(error(lines)).isEqualTo("keys line 17: more than 16 keys");
        assertThat(parse(java.util.Arrays.copyOf(lines, Keyring.MAX_KEYS))).hasSize(Keyring.MAX_KEYS);
    }

    @Test
    void unreadableFilesAreNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> KeyFile.read(missing)).hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> KeyFile.read(dir)).hasMessageStartingWith(dir + ": cannot read: ");
        Path binary = Files.write(dir.resolve("binary"), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
        assertThatThrownBy(() -> KeyFile.read(binary)).hasMessage(binary + ": not a text file (not UTF-8)");

        Path locked = Files.writeString(dir.resolve("locked"), b64(key(1, 32)) + "\n", UTF_8);
        Assumptions.assumeTrue(
                dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(locked), "running as root: a mode-000 file is readable");
        assertThatThrownBy(() -> KeyFile.read(locked)).hasMessage(locked + ": permission denied");
    }

    @Test
    void aFileOthersMayReadIsWarnedOf(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(
                dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions");
        Path file = Files.writeString(dir.resolve("keys"), b64(key(1, 32)) + "\n", UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(KeyFile.exposure(file)).isEmpty();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(KeyFile.exposure(file))
                .hasValue("key file " + file + " is readable by other users (rw-r-----); anyone who reads it "
                        + "can join and forge messages: chmod 600 " + file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
        assertThat(KeyFile.exposure(file)).isPresent();
    }

    @Test
    void reloadReplacesTheKeysOrKeepsThemAndSaysWhy(@TempDir Path dir) throws Exception {
        byte[] a = key(1, 32);
        byte[] b = key(2, 32);
        Path file = Files.writeString(dir.resolve("keys"), b64(a) + "\n", UTF_8);
        Keyring ring = KeyFile.keyring(KeyFile.read(file));
        KeyFileReload reload = new KeyFileReload(file, ring);

        Files.writeString(file, b64(b) + "\n" + b64(a) + "\n", UTF_8);
        assertThat(reload.reload())
                .isEqualTo("key file " + file + " reloaded: primary " + Keyring.fingerprint(b) + ", keys "
                        + Keyring.fingerprint(b) + " " + Keyring.fingerprint(a));
        assertThat(ring.fingerprints()).containsExactly(Keyring.fingerprint(b), Keyring.fingerprint(a));

        Files.writeString(file, b64(b) + "\nnot-base64!\n", UTF_8);
        assertThat(reload.reload())
                .isEqualTo("key file not reloaded, keeping keys " + Keyring.fingerprint(b) + " "
                        + Keyring.fingerprint(a) + ": " + file + " line 2: not base64 (" + KeyFile.FORMAT + ")");
        assertThat(ring.fingerprints()).containsExactly(Keyring.fingerprint(b), Keyring.fingerprint(a));

        Files.writeString(file, b64(b) + "\n", UTF_8);
        assertThat(reload.reload()).contains("reloaded");
        assertThat(ring.fingerprints()).containsExactly(Keyring.fingerprint(b));
        Files.delete(file);
        assertThat(reload.reload()).endsWith(": " + file + ": no such file");
        assertThat(ring.fingerprints()).containsExactly(Keyring.fingerprint(b));
    }
}
