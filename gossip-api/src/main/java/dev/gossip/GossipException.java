package dev.gossip;

import org.jspecify.annotations.Nullable;

/**
 * Base of every exception this library throws on purpose. Unchecked: configuration errors are
 * programming errors, and runtime failures (join timeout, payload too large) are explicit in the
 * methods that throw them.
 */
public class GossipException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and, where possible, what to do
     */
    public GossipException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and, where possible, what to do
     * @param cause the underlying failure
     */
    public GossipException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
