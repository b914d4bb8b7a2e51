package dev.gossip.spi;

import dev.gossip.NodeId;
import dev.gossip.ViewChange;
import java.util.random.RandomGenerator;

/**
 * Everything a {@link Membership} may use from outside itself: its own id, time, randomness, a way
 * to send and a way to report view changes. The engine, the simulator and tests each provide one.
 */
public interface MembershipContext {

    /** @return this node's id */
    NodeId self();

    /** @return monotonic time in nanoseconds, like {@link System#nanoTime()} (virtual in the simulator) */
    long nanoTime();

    /** @return the random source; seeded in tests and simulations */
    RandomGenerator random();

    /**
     * Sends a message, best effort.
     *
     * @param to the destination
     * @param message the message
     */
    void send(NodeId to, MembershipMessage message);

    /**
     * Reports a change of the partial view or InView; called after the change.
     *
     * @param change the change
     */
    void viewChanged(ViewChange change);
}
