package dev.gossip;

/** Handle returned when a listener is added; closing it removes the listener. Idempotent. */
@FunctionalInterface
public interface Registration extends AutoCloseable {

    /** Removes the listener; further calls do nothing. */
    @Override
    void close();
}
