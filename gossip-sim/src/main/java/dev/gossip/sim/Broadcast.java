package dev.gossip.sim;

import dev.gossip.MessageId;
import dev.gossip.spi.DigestFrame;

/**
 * One gossip message sent in a simulation and what became of it so far: how many nodes it reached,
 * how many datagrams carried it, how long it took. Updated as the simulation runs; read it after
 * {@link Simulator#runUntilQuiescent()} (or after enough virtual time). Not thread-safe.
 *
 * <p>With the tree ({@link Simulator.Builder#dissemination}), {@link #messages()} counts the
 * datagrams that carried the payload (eager pushes and graft answers) and the control datagrams
 * (announcements, grafts, prunes) are counted apart; a control datagram counts for the broadcast
 * whose duplicate caused it (a prune) or whose ids it carries (once for each broadcast it names,
 * when several are in flight).
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
    private long graftReplies;
    private long announcements;
    private long grafts;
    private long prunes;

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

    void graftReply() {
        graftReplies++;
    }

    void control(int kind) {
        switch (kind) {
            case DigestFrame.IHAVE -> announcements++;
            case DigestFrame.GRAFT -> grafts++;
            case DigestFrame.PRUNE -> prunes++;
            default -> throw new IllegalArgumentException("not a tree control kind: " + kind);
        }
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

    /**
     * @return the datagrams sent carrying its payload, lost ones included: every copy of a flood;
     *     the eager pushes and graft answers of a tree
     */
    public long messages() {
        return messages;
    }

    /** @return the payloads sent in answer to a graft (tree only), included in {@link #messages()} */
    public long graftReplies() {
        return graftReplies;
    }

    /** @return the control datagrams sent for it (tree only): announcements, grafts and prunes */
    public long controlMessages() {
        return announcements + grafts + prunes;
    }

    /** @return the announcement datagrams (IHAVE) that named it (tree only) */
    public long announcements() {
        return announcements;
    }

    /** @return the graft datagrams (GRAFT) that asked for it (tree only) */
    public long grafts() {
        return grafts;
    }

    /** @return the prune datagrams (PRUNE) its duplicates caused (tree only) */
    public long prunes() {
        return prunes;
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
