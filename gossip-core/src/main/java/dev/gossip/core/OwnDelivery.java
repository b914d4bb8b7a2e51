package dev.gossip.core;

import dev.gossip.Delivery;
import dev.gossip.MessageId;
import dev.gossip.NodeId;
import java.nio.ByteBuffer;

/** This node's own broadcast, delivered locally when {@link dev.gossip.GossipConfig#deliverOwnMessages()}. */
record OwnDelivery(long idHigh, long idLow, NodeId origin, ByteBuffer view) implements Delivery {
    @Override
    public MessageId id() {
        return new MessageId(idHigh, idLow);
    }

    @Override
    public int hops() {
        return 0;
    }

    @Override
    public ByteBuffer payload() {
        return view.duplicate();
    }
}
