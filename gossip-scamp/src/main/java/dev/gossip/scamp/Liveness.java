package dev.gossip.scamp;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.spi.MembershipContext;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Heartbeats and isolation (paper §2.2.3). Every {@code heartbeatInterval} the node sends a
 * heartbeat to each PV member. It notes when it last heard a heartbeat, or any message from an
 * InView member. A node that belongs to a cluster (either view is not empty, or it has joined
 * through a contact) and has heard nothing for {@code isolationTimeout} considers itself isolated
 * and resubscribes through a random PV member, or through its last contact if its PV is empty.
 * A node whose PV is empty while its InView is not (it hears gossip but cannot pass it on)
 * resubscribes through a random InView member; one that an unsubscription notice leaves with an
 * empty view does so at once ({@link #afterLinksRemoved()}).
 *
 * <p>Backoff: while isolated it resubscribes again after waits of {@code T}, {@code 2T}, {@code 4T}
 * and then every {@link #BACKOFF_CAP} {@code T} ({@code T = isolationTimeout}), so a partitioned
 * node does not storm; a heartbeat received resets the wait to {@code T}.
 */
final class Liveness {

    /** Largest wait between resubscriptions, in multiples of the isolation timeout. */
    static final int BACKOFF_CAP = 8;

    private final MembershipContext context;
    private final Views views;
    private final Subscriptions subscriptions;
    private final Counters counters;
    private final Outbox out;
    private final Leases leases;
    private final long interval;
    private final long timeout;
    private final long maxWait;

    private long lastHeartbeat;
    private long lastHeard;
    private final NodeSet probation = new NodeSet();
    private boolean resubscribed;
    private int attempts;
    private long resubscribedAt;
    private long wait;
    private @Nullable NodeId lastContact;
    private @Nullable NodeId departed;
    private long departedAt;

    Liveness(
            MembershipContext context,
            MembershipConfig config,
            Views views,
            Subscriptions subscriptions,
            Outbox out,
            Counters counters,
            Leases leases) {
        this.leases = leases;
        this.context = context;
        this.views = views;
        this.subscriptions = subscriptions;
        this.out = out;
        this.counters = counters;
        this.interval = nanos(config.heartbeatInterval());
        this.timeout = nanos(config.isolationTimeout());
        this.maxWait = timeout > Long.MAX_VALUE / BACKOFF_CAP ? Long.MAX_VALUE : timeout * BACKOFF_CAP;
        long now = context.nanoTime();
        this.lastHeartbeat = now;
        this.lastHeard = now;
        this.wait = timeout;
    }

    /** The node has just subscribed through {@code contact}: the isolation clock restarts. */
    void joined(NodeId contact) {
        lastContact = contact;
        lastHeard = context.nanoTime();
        resetBackoff();
    }

    /** The node has left: nothing to resubscribe through any more. */
    void left() {
        lastContact = null;
        resetBackoff();
    }

    /**
     * {@code node} has announced that it leaves (an unsubscription): for two isolation timeouts it
     * is no candidate to resubscribe through. Only the latest leaver is remembered; a forged notice
     * therefore costs at most one candidate for a short while.
     */
    void departed(NodeId node) {
        departed = node;
        departedAt = context.nanoTime();
    }

    private boolean isDeparted(NodeId node, long now) {
        return node.equals(departed) && now - departedAt < 2 * timeout;
    }

    /** Something was heard from {@code sender}: if it is an InView member, this node is not isolated. */
    void heard(NodeId sender) {
        if (views.heardFrom(sender)) {
            lastHeard = context.nanoTime();
        }
    }

    /**
     * A heartbeat was heard: the node is not isolated, and the backoff starts over. An InView entry
     * that a heartbeat has just {@code repaired} (restored) stays on probation until a second
     * heartbeat: a heartbeat overtaken by its sender's InView-remove restores a link that no longer
     * exists, and the entry's expiry must not count as an in-link lost to a crash.
     */
    void heardHeartbeat(NodeId sender, boolean repaired) {
        if (repaired) {
            probation.add(sender);
        } else {
            probation.remove(sender);
        }
        views.heardFrom(sender);
        lastHeard = context.nanoTime();
        resetBackoff();
    }

    void onTick() {
        long now = context.nanoTime();
        if (now - lastHeartbeat >= interval) {
            lastHeartbeat = now;
            sendHeartbeats();
        }
        expireSilentInView(now);
        if (now - lastHeard >= timeout
                || views.partial().isEmpty() && !views.in().isEmpty()) {
            resubscribe(now);
        }
    }

    /**
     * Called after a notice removed links to this node or from it: a node left with an empty PV
     * (it cannot gossip) or an empty InView (nobody gossips to it) resubscribes at once rather
     * than at the isolation timeout, within the same backoff.
     */
    void afterLinksRemoved() {
        if (views.partial().isEmpty() || views.in().isEmpty()) {
            resubscribe(context.nanoTime());
        }
    }

    /**
     * Resubscribes through a random PV member, else a random InView member, else the last
     * contact; does nothing for a node with none of them (alone: nothing to rejoin) or while the
     * backoff wait runs. Every second attempt of one isolation episode goes through the last
     * contact instead, if there is one: a node whose PV holds only crashed nodes would otherwise
     * knock on dead doors for ever.
     */
    private void resubscribe(long now) {
        if (resubscribed && now - resubscribedAt < wait) {
            return;
        }
        NodeSet partial = views.partial();
        NodeSet in = views.in();
        NodeId through = attempts % 2 == 1 && lastContact != null
                ? lastContact
                : !partial.isEmpty()
                        ? partial.random(context.random())
                        : !in.isEmpty() ? in.random(context.random()) : lastContact;
        if (through != null && isDeparted(through, now)) {
            // Never resubscribe through a node that has just said it is leaving: a lone survivor
            // would put the leaver straight back into its PV. Its last contact may still serve.
            through = lastContact != null && !isDeparted(lastContact, now) ? lastContact : null;
        }
        if (through == null) {
            return;
        }
        subscriptions.subscribe(through, ScampMessageTypes.SUBSCRIBE_DIRECT);
        counters.resubscriptions++;
        attempts++;
        if (resubscribed) {
            wait = Math.min(maxWait, wait > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : wait * 2);
        }
        resubscribed = true;
        resubscribedAt = now;
    }

    /**
     * Drops InView members not heard from for {@code isolationTimeout}: a live one heartbeats every
     * interval, so such an entry belongs to a node that crashed, was cut off, or dropped this node
     * without being able to say so. Silent: if the member is alive and still holds this node, its
     * next heartbeat restores the entry.
     */
    private void expireSilentInView(long now) {
        NodeSet in = views.in();
        for (int i = in.size() - 1; i >= 0; i--) {
            NodeId member = in.get(i);
            long silence = now - in.time(i);
            if (silence >= timeout) {
                views.removeIn(member);
                counters.inViewExpired++;
                if (!probation.remove(member) && silence < timeout + interval) {
                    leases.inLinkLost(member);
                }
            }
        }
    }

    private void sendHeartbeats() {
        NodeSet partial = views.partial();
        for (int i = 0; i < partial.size(); i++) {
            out.heartbeat(partial.get(i));
        }
        counters.heartbeatsSent += partial.size();
    }

    private void resetBackoff() {
        resubscribed = false;
        attempts = 0;
        wait = timeout;
    }

    /** @return the duration in nanoseconds, saturated at {@link Long#MAX_VALUE} */
    static long nanos(Duration duration) {
        return duration.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : duration.toNanos();
    }
}
