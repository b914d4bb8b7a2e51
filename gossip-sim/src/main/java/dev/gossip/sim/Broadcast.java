package dev.gossip.sim;

import dev.gossip.MessageId;

/**
 * One gossip message sent in a simulation and what became of it so far: how many nodes it reached,
 * how many datagrams carried it, how long it took. Updated as the simulation runs; read it after
 * {@link Simulator#runUntilQuiescent()} (or after enough virtual time). Not thread-safe.
 */
public final class Broadcast {

    private final MessageId id;
    private final int origin;
    private final long startNanos;
    private long reached;
    private long messages;
    private long duplicates;
    private long lost;
    private long toDownNodes;
    private long lastDeliveryNanos;
    private int maxHops;

    Broadcast(MessageId id, int origin, long startNanos) {
        this.id = id;
        this.origin = origin;
        this.startNanos = startNanos;
        this.lastDeliveryNanos = startNanos;
    }

    void delivered(long nanos, int hops) {
        reached++;
        lastDeliveryNanos = nanos;
        if (hops > maxHops) {
            maxHops = hops;
        }
    }

    void sent() {
        messages++;
    }

    void duplicate() {
        duplicates++;
    }

    void dropped() {
        lost++;
    }

    void toDown() {
        toDownNodes++;
    }

    /** @return the message id */
    public MessageId id() {
        return id;
    }

    /** @return the index of the node that broadcast it */
    public int origin() {
        return origin;
    }

    /** @return the nodes that have it, the origin included */
    public long reached() {
        return reached;
    }

    /** @return the gossip datagrams sent for it, lost ones included */
    public long messages() {
        return messages;
    }

    /** @return the copies that arrived at a node that already had it */
    public long duplicates() {
        return duplicates;
    }

    /** @return the copies the network lost */
    public long lost() {
        return lost;
    }

    /** @return the copies sent to crashed or departed nodes */
    public long toDownNodes() {
        return toDownNodes;
    }

    /** @return virtual nanoseconds from the broadcast to the last first receipt so far */
    public long durationNanos() {
        return lastDeliveryNanos - startNanos;
    }

    /**
     * @return the longest path, in datagrams, that a first receipt took: 1 for the origin's
     *     partial view ({@link dev.gossip.Delivery#hops()} + 1)
     */
    public int maxHops() {
        return maxHops;
    }
}
