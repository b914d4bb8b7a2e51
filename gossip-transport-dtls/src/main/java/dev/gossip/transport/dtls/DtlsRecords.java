package dev.gossip.transport.dtls;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Reads the few header fields of a DTLS datagram the transport needs before any {@code SSLEngine}
 * sees it (RFC 6347 section 4.1 and 4.2.2). Absolute reads only; the buffer's position is not
 * moved.
 *
 * <pre>
 * record:    type(1) version(2) epoch(2) sequence(6) length(2)            = 13 bytes
 * handshake: msg_type(1) length(3) message_seq(2) frag_offset(3) frag_length(3) = 12 bytes
 * ClientHello body: client_version(2) random(32) ...
 * </pre>
 */
final class DtlsRecords {

    static final int RECORD_HEADER = 13;
    static final int HANDSHAKE_HEADER = 12;
    static final int CONTENT_HANDSHAKE = 22;
    static final int CLIENT_HELLO = 1;
    static final int SERVER_HELLO = 2;
    static final int HELLO_VERIFY_REQUEST = 3;
    static final int RANDOM_OFFSET = RECORD_HEADER + HANDSHAKE_HEADER + 2;
    static final int RANDOM_BYTES = 32;

    private DtlsRecords() {}

    /** @return whether the datagram starts with an epoch-0 handshake record of the given type */
    static boolean startsWithHandshake(ByteBuffer datagram, int type) {
        int p = datagram.position();
        if (datagram.remaining() < RECORD_HEADER + HANDSHAKE_HEADER) {
            return false;
        }
        int major = datagram.get(p + 1) & 0xff;
        int minor = datagram.get(p + 2) & 0xff;
        return (datagram.get(p) & 0xff) == CONTENT_HANDSHAKE
                && major == 0xfe
                && (minor == 0xfd || minor == 0xff) // DTLS 1.2 or 1.0 on the record layer
                && datagram.getShort(p + 3) == 0 // epoch 0: not yet encrypted
                && (datagram.get(p + RECORD_HEADER) & 0xff) == type;
    }

    /** @return whether the datagram starts with a ClientHello whose random is readable */
    static boolean isClientHello(ByteBuffer datagram) {
        return startsWithHandshake(datagram, CLIENT_HELLO) && datagram.remaining() >= RANDOM_OFFSET + RANDOM_BYTES;
    }

    /**
     * @return whether the ClientHello at the start of {@code datagram} carries this random;
     *     {@code false} for a {@code null} random (a session that has none)
     */
    static boolean hasRandom(ByteBuffer datagram, byte @Nullable [] random) {
        if (random == null) {
            return false;
        }
        int base = datagram.position() + RANDOM_OFFSET;
        for (int i = 0; i < RANDOM_BYTES; i++) {
            if (datagram.get(base + i) != random[i]) {
                return false;
            }
        }
        return true;
    }

    /** @return the random of the ClientHello at the start of {@code datagram} */
    static byte[] random(ByteBuffer datagram) {
        byte[] random = new byte[RANDOM_BYTES];
        datagram.get(datagram.position() + RANDOM_OFFSET, random);
        return random;
    }
}
