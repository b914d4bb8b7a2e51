package dev.gossip.spi;

import dev.gossip.DropReason;

/**
 * Receives the outcome of {@link Codec#decode}: exactly one of its methods is called per decode.
 * Called on the decoding thread, during the decode call.
 */
public interface FrameHandler {

    /**
     * A gossip frame.
     *
     * @param frame a flyweight valid only during this call
     */
    void onGossip(GossipFrame frame);

    /**
     * A membership message.
     *
     * @param message the decoded message
     */
    void onMembership(MembershipMessage message);

    /**
     * An anti-entropy frame. The default counts it as {@link DropReason#UNKNOWN_TYPE}, for handlers
     * that take no part in anti-entropy.
     *
     * @param frame a flyweight valid only during this call
     */
    default void onDigest(DigestFrame frame) {
        onDrop(DropReason.UNKNOWN_TYPE);
    }

    /**
     * The input was not a valid frame.
     *
     * @param reason why
     */
    void onDrop(DropReason reason);
}
