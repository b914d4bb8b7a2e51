package dev.gossip;

import java.nio.ByteBuffer;

/**
 * A broadcast message delivered to the application, as seen by a {@link MessageListener}.
 *
 * <p>Buffer ownership: a delivery is a view over the node's receive buffer, reused for the next
 * message. It and the buffer {@link #payload()} returns are valid only during the listener call;
 * copy what you keep with {@link #payloadBytes()}, {@link #id()} and {@link #origin()}.
 */
public interface Delivery {

    /** @return the message id; allocates, prefer {@link #idHigh()}/{@link #idLow()} on hot paths */
    MessageId id();

    /** @return the upper 64 bits of the message id */
    long idHigh();

    /** @return the lower 64 bits of the message id */
    long idLow();

    /** @return the node that broadcast the message */
    NodeId origin();

    /** @return how many times the message was forwarded before it reached this node (0 = from its origin) */
    int hops();

    /**
     * @return a read-only buffer whose remaining bytes are the payload; valid only during the call
     */
    ByteBuffer payload();

    /** @return a fresh copy of the payload */
    default byte[] payloadBytes() {
        ByteBuffer p = payload().duplicate();
        byte[] copy = new byte[p.remaining()];
        p.get(copy);
        return copy;
    }
}
