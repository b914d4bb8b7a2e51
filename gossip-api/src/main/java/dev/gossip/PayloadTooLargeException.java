package dev.gossip;

/**
 * A broadcast payload does not fit: larger than {@link GossipConfig#maxPayloadBytes()} or, once
 * encoded, larger than the transport's maximum datagram. Nothing was sent; payloads are never
 * truncated.
 */
public class PayloadTooLargeException extends GossipException {

    private static final long serialVersionUID = 1L;

    /** The size that was asked for, in bytes. */
    private final int size;
    /** The largest size allowed, in bytes. */
    private final int limit;

    /**
     * @param message what was too large and the limit
     * @param size the size that was asked for, in bytes
     * @param limit the largest size allowed, in bytes
     */
    public PayloadTooLargeException(String message, int size, int limit) {
        super(message);
        this.size = size;
        this.limit = limit;
    }

    /** @return the rejected size, in bytes */
    public int size() {
        return size;
    }

    /** @return the largest size allowed, in bytes */
    public int limit() {
        return limit;
    }
}
