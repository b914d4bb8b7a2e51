package dev.gossip;

import org.jspecify.annotations.Nullable;

/** A transport could not start (address in use, permission denied, ...) or failed while running. */
public class TransportException extends GossipException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, with the address involved
     * @param cause the I/O failure
     */
    public TransportException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /** @param message what failed, with the address involved */
    public TransportException(String message) {
        super(message);
    }
}
