package dev.gossip;

/**
 * Receives every broadcast message exactly once per node, including the node's own broadcasts only
 * if {@link GossipConfig#deliverOwnMessages()} is set.
 *
 * <p>Threading: called on the node's protocol thread, one message at a time. It must return quickly;
 * hand long work to another thread after copying what it needs (see {@link Delivery} for buffer
 * ownership). An exception it throws is counted as {@link DropReason#HANDLER_ERROR}, reported to the
 * error handler, and does not stop the message from being forwarded.
 */
@FunctionalInterface
public interface MessageListener {

    /**
     * Called once per message.
     *
     * @param delivery the message; valid only during this call
     */
    void onMessage(Delivery delivery);
}
