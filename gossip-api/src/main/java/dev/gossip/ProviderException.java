package dev.gossip;

import org.jspecify.annotations.Nullable;

/**
 * Provider discovery failed: no provider, several without a choice, a chosen name not found, or a
 * provider that could not be loaded. The message names every provider that was found.
 */
public class ProviderException extends GossipException {

    private static final long serialVersionUID = 1L;

    /** @param message what was looked for, what was found and how to choose */
    public ProviderException(String message) {
        super(message);
    }

    /**
     * @param message what was looked for, what was found and how to choose
     * @param cause the loading failure
     */
    public ProviderException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
