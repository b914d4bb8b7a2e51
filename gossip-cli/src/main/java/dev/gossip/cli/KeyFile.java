package dev.gossip.cli;

import dev.gossip.core.security.Keyring;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A shared key file, as {@code --key-file} reads it and {@code gossip keygen} writes it: one AES key
 * a line in standard base64 (16, 24 or 32 bytes: 24, 32 or 44 characters), the first key line the
 * <em>primary</em> (it seals what the node sends), every key opening what it receives. Leading and
 * trailing blanks of a line are ignored, and so are blank lines and lines whose first non-blank
 * character is {@code #}. Anything else on a line (a second key, a trailing comment) is an error.
 * At most {@value Keyring#MAX_KEYS} keys; a key repeated is an error, as it is most likely an
 * editing slip.
 *
 * <p>Every error names the file and, when one line is at fault, its number: {@code keys.txt line 3:
 * not base64}.
 */
final class KeyFile {

    /** What a key file must hold, for error messages and help. */
    static final String FORMAT = "one base64 AES key (16, 24 or 32 bytes) a line, the first the primary";

    private KeyFile() {}

    /** A key file that cannot be used; the message names the file (and the line). */
    static final class InvalidKeyFile extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidKeyFile(String message) {
            super(message);
        }
    }

    /**
     * Reads and checks a key file.
     *
     * @param file the file
     * @return its keys, the primary first; never empty
     * @throws InvalidKeyFile if it cannot be read, holds no key, or a line is not a valid key
     */
    static List<byte[]> read(Path file) throws InvalidKeyFile {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidKeyFile(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new InvalidKeyFile(file + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new InvalidKeyFile(file + ": not a text file (not UTF-8)");
        } catch (IOException e) {
            throw new InvalidKeyFile(file + ": cannot read: " + ShortErrors.describe(e));
        }
        return parse(file.toString(), lines);
    }

    /**
     * Checks the lines of a key file.
     *
     * @param name the file's name, for messages
     * @param lines its lines
     * @return its keys, the primary first; never empty
     * @throws InvalidKeyFile naming the file and the line at fault
     */
    static List<byte[]> parse(String name, List<String> lines) throws InvalidKeyFile {
        List<byte[]> keys = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = name + " line " + (i + 1) + ": ";
            if (line.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidKeyFile(where + "more than one word (a line holds one key; comments go on lines "
                        + "of their own, starting with #)");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(line);
            } catch (IllegalArgumentException e) {
                throw new InvalidKeyFile(where + "not base64 (" + FORMAT + ")");
            }
            if (key.length != 16 && key.length != 24 && key.length != 32) {
                throw new InvalidKeyFile(where + "a key of " + key.length + " bytes; an AES key is 16, 24 or 32 bytes");
            }
            for (int k = 0; k < keys.size(); k++) {
                if (java.util.Arrays.equals(keys.get(k), key)) {
                    throw new InvalidKeyFile(where + "the same key as line " + lineOf.get(k));
                }
            }
            if (keys.size() == Keyring.MAX_KEYS) {
                throw new InvalidKeyFile(where + "more than " + Keyring.MAX_KEYS + " keys");
            }
            keys.add(key);
            lineOf.add(i + 1);
        }
        if (keys.isEmpty()) {
            throw new InvalidKeyFile(name + ": no key (" + FORMAT + "; 'gossip keygen " + name + "' writes one)");
        }
        return keys;
    }

    /**
     * @param file a key file that was read
     * @return a one-line warning if the file system says other users may read it, else empty
     */
    static java.util.Optional<String> exposure(Path file) {
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions =
                    Files.getPosixFilePermissions(file);
            String mode = java.nio.file.attribute.PosixFilePermissions.toString(permissions);
            if (mode.charAt(3) != '-' || mode.charAt(6) != '-') {
                return java.util.Optional.of("key file " + file + " is readable by other users (" + mode
                        + "); anyone who reads it can join and forge messages: chmod 600 " + file);
            }
            return java.util.Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * @param keys keys as {@link #read} returns them
     * @return a keyring: the first key primary, the others installed
     */
    static Keyring keyring(List<byte[]> keys) {
        return Keyring.of(keys.get(0), keys.subList(1, keys.size()).toArray(byte[][]::new));
    }

    /**
     * @param key a key
     * @return its line in a key file
     */
    static String line(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    /** @return the fingerprints of some keys, as the keyring shows them */
    static List<String> fingerprints(List<byte[]> keys) {
        return keys.stream().map(Keyring::fingerprint).toList();
    }
}
