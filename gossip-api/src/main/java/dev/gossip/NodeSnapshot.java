package dev.gossip;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A read-only, consistent copy of a node's state at one instant: its views and counters. Taking one
 * copies the views; do it for monitoring and tests, not per message.
 *
 * @param id the node's identity
 * @param state the node's lifecycle state
 * @param partialView the nodes this node gossips to (out-links), in no particular order
 * @param inView the nodes known to gossip to this node (in-links)
 * @param estimatedSize the cluster size this node estimates from its own view, {@code e^{|PV|/(c+1)}}
 *     (SCAMP's mean view size inverted); 1 for an empty view. Coarse: individual views vary.
 * @param datagramsSent datagrams handed to the transport
 * @param datagramsReceived datagrams received from the transport, valid or not
 * @param broadcasts messages this node originated
 * @param delivered messages delivered to the listeners (first receipts)
 * @param duplicates gossip messages received again and not forwarded
 * @param forwarded gossip copies sent on to partial-view members
 * @param drops dropped datagrams and messages, by reason; every reason present, zero or not
 * @param membershipCounters counters of the membership protocol by name (for SCAMP:
 *     {@code subscriptionsKept}, {@code forwardedSubscriptions}, {@code forwardedDropped},
 *     {@code resubscriptions}, ...), plus, when anti-entropy is on, its counters named {@code
 *     antiEntropy.*} (see {@link AntiEntropyConfig})
 */
public record NodeSnapshot(
        NodeId id,
        State state,
        List<NodeId> partialView,
        List<NodeId> inView,
        double estimatedSize,
        long datagramsSent,
        long datagramsReceived,
        long broadcasts,
        long delivered,
        long duplicates,
        long forwarded,
        Map<DropReason, Long> drops,
        Map<String, Long> membershipCounters) {

    /** A node's lifecycle. */
    public enum State {
        /** Built, transport not bound yet. */
        NEW,
        /** Transport bound and timers running; may or may not have joined. */
        RUNNING,
        /** Left the cluster gracefully; still bound until closed. */
        LEFT,
        /** Closed; every resource released. */
        CLOSED
    }

    /**
     * Copies the collections.
     *
     * @param id see {@link #id()}
     * @param state see {@link #state()}
     * @param partialView see {@link #partialView()}
     * @param inView see {@link #inView()}
     * @param estimatedSize see {@link #estimatedSize()}
     * @param datagramsSent see {@link #datagramsSent()}
     * @param datagramsReceived see {@link #datagramsReceived()}
     * @param broadcasts see {@link #broadcasts()}
     * @param delivered see {@link #delivered()}
     * @param duplicates see {@link #duplicates()}
     * @param forwarded see {@link #forwarded()}
     * @param drops see {@link #drops()}
     * @param membershipCounters see {@link #membershipCounters()}
     * @throws NullPointerException if a component is {@code null}
     */
    public NodeSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        partialView = List.copyOf(partialView);
        inView = List.copyOf(inView);
        drops = Map.copyOf(drops);
        membershipCounters = Map.copyOf(membershipCounters);
    }

    /** @return the sum of all drop counters */
    public long totalDrops() {
        return drops.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @param reason a drop reason
     * @return how many drops were counted for it
     */
    public long drops(DropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }
}
