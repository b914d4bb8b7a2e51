package dev.gossip.spi;

import dev.gossip.Delivery;

/**
 * A decoded gossip (broadcast) frame, as a codec presents it to the engine: a flyweight over the
 * received bytes, valid only during the {@link FrameHandler#onGossip} call. The engine hands it to
 * message listeners as their {@link Delivery} and back to {@link Codec#encodeForward} to forward it,
 * so a codec can forward by copying bytes without building objects.
 */
public interface GossipFrame extends Delivery {}
