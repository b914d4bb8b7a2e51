package dev.gossip;

/**
 * Why a received datagram or message was dropped instead of processed. Every drop is counted in
 * {@link NodeSnapshot#drops()}. Append-only: new reasons are added at the end, none is removed.
 */
public enum DropReason {
    /** Shorter than its header or than a length it declares. */
    TRUNCATED,
    /** Does not start with the protocol's magic bytes. */
    BAD_MAGIC,
    /** A protocol version this node does not speak. */
    UNSUPPORTED_VERSION,
    /** A message type id this node does not know. */
    UNKNOWN_TYPE,
    /** A field holds a value outside its allowed range (length, count, address kind, ...). */
    MALFORMED,
    /** Bytes left over after a complete message. */
    TRAILING_BYTES,
    /** Larger than the configured limit. */
    OVERSIZED,
    /** A membership message the membership protocol rejected (unknown kind, self as subject, ...). */
    REJECTED_BY_MEMBERSHIP,
    /** Arrived while the node was not running (before start or after close). */
    NOT_RUNNING,
    /** The sender exceeded a configured rate limit. */
    RATE_LIMITED,
    /** Failed authentication or decryption (wrong key, tampered, replayed or plaintext). */
    AUTHENTICATION_FAILED,
    /** A listener or handler threw while processing the message; the error was reported. */
    HANDLER_ERROR,
    /** The transport could not queue an outgoing datagram (buffer full, socket closed). */
    SEND_FAILED
}
