package dev.gossip.spi;

import dev.gossip.NodeId;
import java.util.List;
import java.util.Map;

/**
 * A partial-view membership protocol as a sans-IO state machine: inputs are calls (a received
 * message, a timer tick, join, leave), outputs go through the {@link MembershipContext} it was
 * created with (messages to send, view changes). It never touches sockets, threads or the system
 * clock, so the same class runs over UDP, in memory, in the simulator and in benchmarks.
 *
 * <p>Threading: not thread-safe. The engine calls it from one thread at a time, and so must anyone
 * else; the lists it returns are read-only and valid on that thread only.
 */
public interface Membership {

    /**
     * Subscribes through {@code contact}: sends it a subscription. May be called again later (to
     * retry through another contact).
     *
     * @param contact the node to subscribe through; not this node
     */
    void join(NodeId contact);

    /**
     * Handles a received membership message.
     *
     * @param message the message
     * @return {@code false} if the message was rejected (unknown type, self as subject, ...); the
     *     engine counts it as a drop
     */
    boolean onMessage(MembershipMessage message);

    /** Advances timers (heartbeats, isolation, leases); called every tick interval. */
    void onTick();

    /** Leaves the cluster gracefully (unsubscription); afterwards the node has empty views. */
    void leave();

    /** @return the partial view (out-links): a read-only live view, valid on the protocol thread */
    List<NodeId> partialView();

    /** @return the InView (in-links): a read-only live view, valid on the protocol thread */
    List<NodeId> inView();

    /** @return {@code true} once some node has taken this one into its partial view */
    boolean isJoined();

    /** @return the cluster size estimated from this node's own view */
    double estimatedSize();

    /** @return the protocol's counters by name; a copy */
    Map<String, Long> counters();
}
