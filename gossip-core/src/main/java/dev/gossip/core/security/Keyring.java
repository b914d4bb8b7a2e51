package dev.gossip.core.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The AES keys of an {@link EncryptedTransport}: one <em>primary</em> key encrypts, every installed
 * key decrypts. Keys can be added, made primary and removed while nodes run, which is how a
 * cluster rotates keys without losing a message:
 * <ol>
 *   <li>{@link #add} the new key on every node (all can now decrypt it);</li>
 *   <li>{@link #use} it on every node (each now encrypts with it; the old key still decrypts
 *       what is in flight);</li>
 *   <li>{@link #remove} the old key on every node, once no datagram sealed with it can still
 *       arrive.</li>
 * </ol>
 * <pre>{@code
 * Keyring keyring = Keyring.of(Keyring.generateKey());
 * GossipNode node = Gossip.builder(config).keyring(keyring).build();
 * // later, on every node in turn:
 * keyring.add(next); ... keyring.use(next); ... keyring.remove(old);
 * }</pre>
 *
 * <p>{@link #replace} swaps the whole set in one step instead (a key file re-read at run time).
 *
 * <p>A key is 16, 24 or 32 bytes (AES-128, -192, -256) and is identified on the wire by its
 * {@link #fingerprint(byte[]) fingerprint}, the first four bytes of its SHA-256 digest, so nodes need
 * not agree on key numbers. Key material is copied in and never handed out.
 *
 * <p>Thread-safe: changes are serialised and publish an immutable snapshot that senders and
 * receivers read without locking.
 */
public final class Keyring {

    /** Length of the keys {@link #generateKey()} makes: AES-256. */
    public static final int GENERATED_KEY_BYTES = 32;
    /** The most keys one keyring holds; a rotation needs two. */
    public static final int MAX_KEYS = 16;

    /** One installed key. */
    record Key(int fingerprint, SecretKeySpec spec) {}

    /** What senders and receivers read: the primary first, then the others. */
    record Snapshot(Key primary, Key[] all) {
        @Nullable
        Key find(int fingerprint) {
            for (Key key : all) {
                if (key.fingerprint == fingerprint) {
                    return key;
                }
            }
            return null;
        }
    }

    private volatile Snapshot snapshot;

    private Keyring(byte[] primary) {
        Key key = key(primary);
        snapshot = new Snapshot(key, new Key[] {key});
    }

    /**
     * Creates a keyring.
     *
     * @param primary the key that encrypts
     * @param others more keys that decrypt
     * @return the keyring
     * @throws IllegalArgumentException if a key is not 16, 24 or 32 bytes, or two share a fingerprint
     */
    public static Keyring of(byte[] primary, byte[]... others) {
        Keyring keyring = new Keyring(primary);
        for (byte[] other : others) {
            keyring.add(other);
        }
        return keyring;
    }

    /** @return a fresh random {@value #GENERATED_KEY_BYTES}-byte key from {@link SecureRandom} */
    public static byte[] generateKey() {
        byte[] key = new byte[GENERATED_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /**
     * @param key a key
     * @return its fingerprint as 8 hex digits, as {@link #fingerprints()} lists it
     */
    public static String fingerprint(byte[] key) {
        return HexFormat.of().toHexDigits(fingerprintOf(checkKey(key)));
    }

    /**
     * Installs a key for decryption. Adding a key already installed is a no-op.
     *
     * @param key the key, 16, 24 or 32 bytes
     * @throws IllegalArgumentException if it is not 16, 24 or 32 bytes, its fingerprint clashes with
     *     another key's, or {@value #MAX_KEYS} keys are installed
     */
    public synchronized void add(byte[] key) {
        Key added = key(key);
        Snapshot now = snapshot;
        Key same = now.find(added.fingerprint);
        if (same != null) {
            if (!Arrays.equals(same.spec.getEncoded(), added.spec.getEncoded())) {
                throw new IllegalArgumentException("another key has fingerprint " + hex(added.fingerprint));
            }
            return;
        }
        if (now.all.length >= MAX_KEYS) {
            throw new IllegalArgumentException("a keyring holds at most " + MAX_KEYS + " keys");
        }
        Key[] all = Arrays.copyOf(now.all, now.all.length + 1);
        all[all.length - 1] = added;
        snapshot = new Snapshot(now.primary, all);
    }

    /**
     * Makes a key the primary one, installing it first if needed. Datagrams sent from now on are
     * sealed with it.
     *
     * @param key the key
     * @throws IllegalArgumentException as {@link #add}
     */
    public synchronized void use(byte[] key) {
        add(key);
        Snapshot now = snapshot;
        snapshot = new Snapshot(Objects.requireNonNull(now.find(fingerprintOf(key)), "added above"), now.all);
    }

    /**
     * Uninstalls a key: datagrams sealed with it are rejected from now on. Removing a key that is
     * not installed is a no-op.
     *
     * @param key the key
     * @throws IllegalArgumentException if it is the primary key (make another primary first)
     */
    public synchronized void remove(byte[] key) {
        int fingerprint = fingerprintOf(checkKey(key));
        Snapshot now = snapshot;
        Key found = now.find(fingerprint);
        if (found == null || !Arrays.equals(found.spec.getEncoded(), key)) {
            return;
        }
        if (found == now.primary) {
            throw new IllegalArgumentException(
                    "cannot remove the primary key " + hex(fingerprint) + "; use() another key first");
        }
        List<Key> kept = new ArrayList<>(Arrays.asList(now.all));
        kept.remove(found);
        snapshot = new Snapshot(now.primary, kept.toArray(Key[]::new));
    }

    /**
     * Replaces every installed key at once: from the next datagram on, {@code primary} seals and
     * exactly {@code primary} and {@code others} open. Nothing changes if any key is invalid, so a
     * reload from a file that turns out bad keeps the keys in use. This is how a key file re-read
     * at run time (the command line's {@code --key-file} on SIGHUP) takes effect in one step, with
     * no moment where the keyring holds neither the old nor the new set.
     *
     * @param primary the key that seals
     * @param others more keys that open; a repeat of {@code primary} or of each other is ignored
     * @throws IllegalArgumentException if a key is not 16, 24 or 32 bytes, two different keys share
     *     a fingerprint, or there are more than {@value #MAX_KEYS} keys
     */
    public synchronized void replace(byte[] primary, List<byte[]> others) {
        Key first = key(primary);
        List<Key> all = new ArrayList<>();
        all.add(first);
        for (byte[] other : others) {
            Key added = key(other);
            Key same = null;
            for (Key key : all) {
                if (key.fingerprint == added.fingerprint) {
                    same = key;
                }
            }
            if (same == null) {
                all.add(added);
            } else if (!Arrays.equals(same.spec.getEncoded(), added.spec.getEncoded())) {
                throw new IllegalArgumentException("another key has fingerprint " + hex(added.fingerprint));
            }
        }
        if (all.size() > MAX_KEYS) {
            throw new IllegalArgumentException("a keyring holds at most " + MAX_KEYS + " keys, was " + all.size());
        }
        snapshot = new Snapshot(first, all.toArray(Key[]::new));
    }

    /** @return the fingerprints of the installed keys, the primary's first */
    public List<String> fingerprints() {
        Snapshot now = snapshot;
        List<String> list = new ArrayList<>();
        list.add(hex(now.primary.fingerprint));
        for (Key key : now.all) {
            if (key != now.primary) {
                list.add(hex(key.fingerprint));
            }
        }
        return List.copyOf(list);
    }

    /** @return the primary key's fingerprint */
    public String primaryFingerprint() {
        return hex(snapshot.primary.fingerprint);
    }

    /** @return how many keys are installed */
    public int size() {
        return snapshot.all.length;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public String toString() {
        return "Keyring" + fingerprints();
    }

    private static Key key(byte[] key) {
        checkKey(key);
        return new Key(fingerprintOf(key), new SecretKeySpec(key, "AES"));
    }

    private static byte[] checkKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("an AES key is 16, 24 or 32 bytes, was " + key.length);
        }
        return key;
    }

    private static int fingerprintOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return (digest[0] & 0xFF) << 24 | (digest[1] & 0xFF) << 16 | (digest[2] & 0xFF) << 8 | digest[3] & 0xFF;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String hex(int fingerprint) {
        return HexFormat.of().toHexDigits(fingerprint);
    }
}
