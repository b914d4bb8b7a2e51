package dev.gossip.core.security;

import dev.gossip.TransportConfig;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens datagrams with AES-GCM. Layout of a sealed datagram (big-endian):
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+---------------+---------------+
 *  |        magic 0x47 0x53        |  version = 1  |  reserved = 0 |
 *  +-------------------------------+---------------+---------------+
 *  |                 key fingerprint (SHA-256 of key, 4 bytes)     |
 *  +---------------------------------------------------------------+
 *  |                 sender id (8 bytes)                           |  \ 12-byte GCM nonce
 *  +---------------------------------------------------------------+  |
 *  |                 counter (u32)                                 |  /
 *  +---------------------------------------------------------------+
 *  |                 ciphertext (as long as the plaintext)        ...
 *  +---------------------------------------------------------------+
 *  |                 tag (16 bytes)                                |
 *  +---------------------------------------------------------------+
 * </pre>
 * The 20-byte header, followed by the cluster label's UTF-8 bytes, is the associated data: it is
 * authenticated, not encrypted. The nonce is unique per key as long as sender ids are: each
 * sealer draws a random 64-bit id and moves to the next id every 2<sup>32</sup> datagrams.
 *
 * <p>One instance per thread (see {@link EncryptedTransport}): it holds a {@link Cipher} and
 * scratch buffers, so sealing and opening allocate only the JDK's parameter objects.
 */
final class SealedFrame {

    static final short MAGIC = 0x4753; // "GS"
    static final byte VERSION = 1;
    static final int OFFSET_VERSION = 2;
    static final int OFFSET_RESERVED = 3;
    static final int OFFSET_KEY = 4;
    static final int OFFSET_SENDER = 8;
    static final int OFFSET_COUNTER = 16;
    static final int HEADER_BYTES = 20;
    static final int TAG_BYTES = 16;
    static final int OVERHEAD = HEADER_BYTES + TAG_BYTES;

    private final Cipher sealCipher;
    private final Cipher openCipher;
    private final byte[] header = new byte[HEADER_BYTES];
    private final byte[] nonce = new byte[12];
    /** Holds a sealed datagram on its way out. */
    final ByteBuffer sealed = ByteBuffer.allocate(TransportConfig.MAX_DATAGRAM_BYTES);
    /** Holds an opened datagram while the receiver reads it; separate, as the receiver may send. */
    final ByteBuffer opened = ByteBuffer.allocate(TransportConfig.MAX_DATAGRAM_BYTES);

    SealedFrame() {
        try {
            sealCipher = Cipher.getInstance("AES/GCM/NoPadding");
            openCipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is missing from this JDK", e);
        }
    }

    /**
     * Seals the remaining bytes of {@code plain} into {@link #sealed}, flipped for sending.
     *
     * @throws GeneralSecurityException if the cipher fails (never for a valid key)
     */
    ByteBuffer seal(Keyring.Key key, long sender, int counter, byte[] label, ByteBuffer plain)
            throws GeneralSecurityException {
        ByteBuffer out = sealed.clear();
        out.putShort(MAGIC)
                .put(VERSION)
                .put((byte) 0)
                .putInt(key.fingerprint())
                .putLong(sender)
                .putInt(counter);
        out.get(0, header);
        out.get(OFFSET_SENDER, nonce);
        sealCipher.init(Cipher.ENCRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        sealCipher.updateAAD(header);
        if (label.length > 0) {
            sealCipher.updateAAD(label);
        }
        sealCipher.doFinal(plain, out);
        return out.flip();
    }

    /** @return {@code true} if the datagram is long enough and starts with our magic and version */
    static boolean looksSealed(ByteBuffer datagram) {
        int p = datagram.position();
        return datagram.remaining() >= OVERHEAD
                && datagram.getShort(p) == MAGIC
                && datagram.get(p + OFFSET_VERSION) == VERSION
                && datagram.get(p + OFFSET_RESERVED) == 0;
    }

    static int keyFingerprint(ByteBuffer datagram) {
        return datagram.getInt(datagram.position() + OFFSET_KEY);
    }

    static long sender(ByteBuffer datagram) {
        return datagram.getLong(datagram.position() + OFFSET_SENDER);
    }

    static long counter(ByteBuffer datagram) {
        return Integer.toUnsignedLong(datagram.getInt(datagram.position() + OFFSET_COUNTER));
    }

    /**
     * Opens a datagram that {@link #looksSealed} into {@link #opened}, flipped for reading.
     *
     * @throws GeneralSecurityException if authentication fails (wrong key, label, or tampering)
     */
    ByteBuffer open(Keyring.Key key, byte[] label, ByteBuffer datagram) throws GeneralSecurityException {
        int p = datagram.position();
        datagram.get(p, header);
        datagram.get(p + OFFSET_SENDER, nonce);
        openCipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        openCipher.updateAAD(header);
        if (label.length > 0) {
            openCipher.updateAAD(label);
        }
        datagram.position(p + HEADER_BYTES);
        ByteBuffer out = opened.clear();
        openCipher.doFinal(datagram, out);
        return out.flip();
    }
}
