package dev.gossip.scamp;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipMessage;

/**
 * Indirection (paper §3.1), when {@link MembershipConfig#indirectionWalk()} is positive. A node
 * receiving a first subscription (not a resubscription) does not act as contact itself: it sends
 * the subscription on a random walk of {@code L = max(indirectionWalk, |PV|)} steps. The node where
 * the walk ends becomes the contact: it adds the subscriber to its InView, forwards copies as a
 * contact does, and tells the subscriber, which replaces the node it joined through by the real
 * contact in its PV and tells that node.
 *
 * <p>The walk is a Metropolis-Hastings walk over both views, so that it ends at a uniformly random
 * node, as the join invariant's analysis assumes. Each step, the current node {@code x} proposes a
 * member {@code y} of its PV and InView taken together ({@code D(x) = |PV| + |InView|} entries, a
 * node in both counted twice; since {@code y ∈ PV(x) ⇔ x ∈ InView(y)} the proposals are
 * symmetric); {@code y} accepts with probability {@code min(1, D(x)/D(y))}, or sends the walk back
 * and it stays at {@code x}. Proposing the subscriber itself also counts as staying. Measured at
 * 1,000 joins through one seed, c = 1: a plain walk along PV links ended at nodes with smaller views
 * (mean view 10.6 against 12.2 for uniformly random contacts), a plain walk over both views at nodes
 * with larger ones (17.9).
 *
 * <p>Walk length rule: {@code L = max(indirectionWalk, |PV|)} at the first node. {@code |PV|},
 * about {@code (c+1)·ln n}, grows with the cluster like the mixing time of a random walk on a graph
 * of logarithmic degree, so no node needs {@code n}. The floor (default 20) matters as much: a walk
 * whose length depends on where it starts is not uniform even from a uniform start, because a
 * young node's short walk (its view holds 1-5 nodes) rarely leaves its low-degree neighbourhood.
 * With a floor of 1, the contacts of 1,000 joins through random nodes were younger than uniform
 * (mean relative age 0.523 instead of 0.5) and had 3% smaller views, which compounded to mean
 * views 13% under the join invariant at 10,000 nodes; with 20, within 2-3% of it, through random
 * contacts and through one seed alike. Steps are capped at {@value #MAX_STEPS} by the wire format.
 */
final class Indirection {

    /** Longest walk: the hop count shares the 16-bit counter with the sender's degree. */
    static final int MAX_STEPS = 255;

    private static final int DEGREE_BITS = 8;
    private static final int MAX_DEGREE = (1 << DEGREE_BITS) - 1;

    private final MembershipContext context;
    private final NodeId self;
    private final int minimumWalk;
    private final Views views;
    private final Outbox out;
    private final Counters counters;
    private final Subscriptions subscriptions;

    Indirection(
            MembershipContext context,
            MembershipConfig config,
            Views views,
            Outbox out,
            Counters counters,
            Subscriptions subscriptions) {
        this.context = context;
        this.self = context.self();
        this.minimumWalk = config.indirectionWalk();
        this.views = views;
        this.out = out;
        this.counters = counters;
        this.subscriptions = subscriptions;
    }

    /** @return {@code counter} of a {@link ScampMessageTypes#WALK}: steps to go, sender's degree */
    static int walkCounter(int steps, int degree) {
        return Math.min(steps, MAX_STEPS) << DEGREE_BITS | Math.min(degree, MAX_DEGREE);
    }

    /**
     * First node: sends a first subscription on its walk.
     *
     * @return {@code false} if indirection is off, the subscription is not a well-formed first
     *     one, or there is nowhere to walk: then the node handles it as contact
     */
    boolean startWalk(MembershipMessage subscribe) {
        NodeId subscriber = subscribe.sender();
        if (minimumWalk == 0
                || subscribe.counter() != ScampMessageTypes.SUBSCRIBE_JOIN
                || !subscriber.equals(subscribe.subject())
                || !hasNeighbourOtherThan(subscriber)) {
            return false;
        }
        counters.walksStarted++;
        step(
                subscriber,
                Math.min(MAX_STEPS, Math.max(minimumWalk, views.partial().size())),
                self);
        return true;
    }

    private boolean hasNeighbourOtherThan(NodeId subscriber) {
        NodeSet partial = views.partial();
        NodeSet in = views.in();
        int others =
                partial.size() + in.size() - (partial.contains(subscriber) ? 1 : 0) - (in.contains(subscriber) ? 1 : 0);
        return others > 0;
    }

    /** A proposed step arrives: accept with probability min(1, D(sender)/D(here)), else send it back. */
    boolean onWalk(MembershipMessage message) {
        NodeId subscriber = message.subject();
        if (subscriber == null || subscriber.equals(self) || message.nodes().isEmpty()) {
            return false;
        }
        int steps = message.counter() >>> DEGREE_BITS;
        int senderDegree = message.counter() & MAX_DEGREE;
        int degree = Math.min(MAX_DEGREE, views.partial().size() + views.in().size());
        if (degree > senderDegree && context.random().nextInt(degree) >= senderDegree) {
            out.walkBack(message.sender(), subscriber, steps, message.nodes().get(0));
        } else {
            step(subscriber, steps, message.nodes().get(0));
        }
        return true;
    }

    /** A proposed step was refused: the walk stays here. */
    boolean onWalkBack(MembershipMessage message) {
        NodeId subscriber = message.subject();
        if (subscriber == null || subscriber.equals(self) || message.nodes().isEmpty()) {
            return false;
        }
        step(subscriber, Math.min(MAX_STEPS, message.counter()), message.nodes().get(0));
        return true;
    }

    /** The walk is here with {@code steps} to go: propose the next step or end here. */
    private void step(NodeId subscriber, int steps, NodeId origin) {
        NodeSet partial = views.partial();
        NodeSet in = views.in();
        int degree = partial.size() + in.size();
        for (int left = steps; left > 0 && degree > 0; left--) {
            int pick = context.random().nextInt(degree);
            NodeId next = pick < partial.size() ? partial.get(pick) : in.get(pick - partial.size());
            if (!next.equals(subscriber)) {
                out.walk(next, subscriber, walkCounter(left - 1, degree), origin);
                return;
            }
        }
        becomeContact(subscriber, origin);
    }

    private void becomeContact(NodeId subscriber, NodeId origin) {
        counters.walksEnded++;
        views.addIn(subscriber);
        if (!origin.equals(self)) {
            out.contact(subscriber, origin);
        }
        subscriptions.actAsContact(subscriber);
    }

    /** Subscriber: the sender is its contact, in place of the origin. */
    boolean onContact(MembershipMessage message) {
        if (!self.equals(message.subject()) || message.nodes().isEmpty()) {
            return false;
        }
        NodeId origin = message.nodes().get(0);
        NodeId contact = message.sender();
        if (!origin.equals(contact) && views.removePartial(origin)) {
            out.inViewRemove(origin);
        }
        views.addPartial(contact);
        return true;
    }
}
