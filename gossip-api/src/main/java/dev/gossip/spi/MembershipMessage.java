package dev.gossip.spi;

import dev.gossip.NodeId;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message of the membership protocol. Its shape is generic so that codecs carry any
 * partial-view protocol without knowing it: a protocol-defined {@code type}, the sending node, an
 * optional subject, a counter and a short list of nodes. What each field means is the membership
 * implementation's to define and document (SCAMP's are in {@code gossip-scamp}).
 *
 * @param type the protocol's message type, 0 to {@value #MAX_TYPE}; append-only per protocol
 * @param sender the node that sent the message (its advertised address, which may differ from the
 *     datagram's source address)
 * @param subject the node the message is about, or {@code null}
 * @param counter a small non-negative number (hop count, TTL, sequence), 0 to {@value #MAX_COUNTER}
 * @param nodes further nodes, at most {@value #MAX_NODES}; never {@code null}, copied
 */
public record MembershipMessage(
        int type, NodeId sender, @Nullable NodeId subject, int counter, List<NodeId> nodes) {

    /** Largest {@link #type()}. */
    public static final int MAX_TYPE = 255;
    /** Largest {@link #counter()}. */
    public static final int MAX_COUNTER = 65_535;
    /** Largest size of {@link #nodes()}. */
    public static final int MAX_NODES = 255;

    /**
     * Validates the components.
     *
     * @param type see {@link #type()}
     * @param sender see {@link #sender()}
     * @param subject see {@link #subject()}
     * @param counter see {@link #counter()}
     * @param nodes see {@link #nodes()}
     * @throws NullPointerException if {@code sender} or {@code nodes} is {@code null}
     * @throws IllegalArgumentException naming the field out of range
     */
    public MembershipMessage {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(nodes, "nodes");
        if (type < 0 || type > MAX_TYPE) {
            throw new IllegalArgumentException("type must be in 0.." + MAX_TYPE + ", was " + type);
        }
        if (counter < 0 || counter > MAX_COUNTER) {
            throw new IllegalArgumentException("counter must be in 0.." + MAX_COUNTER + ", was " + counter);
        }
        if (nodes.size() > MAX_NODES) {
            throw new IllegalArgumentException("nodes must hold at most " + MAX_NODES + ", held " + nodes.size());
        }
        nodes = List.copyOf(nodes);
    }

    /**
     * A message with no subject, counter or nodes.
     *
     * @param type the type
     * @param sender the sender
     * @return the message
     */
    public static MembershipMessage of(int type, NodeId sender) {
        return new MembershipMessage(type, sender, null, 0, List.of());
    }

    /**
     * A message about {@code subject}.
     *
     * @param type the type
     * @param sender the sender
     * @param subject the subject
     * @param counter the counter
     * @return the message
     */
    public static MembershipMessage of(int type, NodeId sender, NodeId subject, int counter) {
        return new MembershipMessage(type, sender, subject, counter, List.of());
    }
}
