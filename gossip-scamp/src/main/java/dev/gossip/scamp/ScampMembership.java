package dev.gossip.scamp;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.spi.Membership;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipMessage;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SCAMP membership (Ganesh, Kermarrec, Massoulié, <i>Peer-to-Peer Membership Management for
 * Gossip-Based Protocols</i>, IEEE Trans. Computers 52(2), 2003) as a sans-IO state machine.
 *
 * <p>Each node keeps a <b>partial view</b> (PV: the nodes it gossips to) and an <b>InView</b> (the
 * nodes that hold it in their PV). With redundancy parameter {@code c}:
 * <ul>
 * <li><b>Join.</b> A new node {@code s} puts its contact in its PV and sends it a subscription. The
 *     contact adds {@code s} to its InView and sends {@code s} as a forwarded subscription to every
 *     member of its PV plus {@code c} extra copies to members chosen uniformly at random; with an
 *     empty PV it keeps {@code s} itself. A node receiving a copy keeps it with probability
 *     {@code 1/(1+|PV|)} if {@code s} is another node missing from its PV, and tells {@code s}
 *     (which adds the keeper to its InView); otherwise it passes the copy to one random PV member.
 *     A copy that has travelled {@code forwardHopFactor·(1+d)} hops, {@code d} being the larger
 *     of the node's PV and InView sizes, is dropped and counted; past half that, the first node
 *     able to keep it does (loop guard, see {@link MembershipConfig#forwardHopFactor()}).</li>
 * <li><b>Join invariant.</b> With no copy dropped, a join through a contact with a non-empty PV
 *     adds exactly {@code |PV(contact)| + c + 1} PV entries in total. With uniformly random
 *     contacts the mean PV size of {@code n} nodes is then {@code 1 + (c+1)(H_n - 3/2) ≈
 *     (c+1)(ln n + 0.577 - 1.5) + 1}, growing as {@code (c+1)·ln n} without any node knowing
 *     {@code n}. The mean depends on the join order: compare averages over seeds.</li>
 * <li><b>Leave.</b> See {@link #leave()}: about as many links go as a join added. Two additions
 *     to the paper keep every remaining node able to gossip: no InView member is offered itself as
 *     replacement, and a remove notice carries a fallback the receiver takes only if the removal
 *     would empty its PV.</li>
 * <li><b>Heartbeats and isolation.</b> Every {@code heartbeatInterval} a node sends a heartbeat to
 *     each PV member; a heartbeat from a node missing from the InView adds it (repair). A node of a
 *     cluster that hears nothing for {@code isolationTimeout} resubscribes through a random PV
 *     member (its last contact if its PV is empty), backing off exponentially up to 8 timeouts. A
 *     node left with an empty PV (it could not gossip) or, by an unsubscription, an empty InView
 *     resubscribes without waiting for the timeout. An InView member not heard from for the
 *     isolation timeout is dropped (a crashed node otherwise stays in InViews for ever). A
 *     resubscription, like a join's retry, is a direct subscription, which the contact keeps
 *     itself as well as forwarding copies: without leases a contact's PV may hold only crashed
 *     nodes, and the subscriber would otherwise find no keeper at all.</li>
 * <li><b>Lease</b> (optional, {@link MembershipConfig#lease()}): each node periodically has
 *     {@code |InView|} forwarded subscriptions of itself re-issued through a PV member (again through
 *     another if copies go missing) and releases one old in-link for each copy kept, so the link
 *     count stays and no link is given up before its replacement exists; in-links lost to crashed
 *     holders are replaced the same way. Entries neither extended (at the start of their node's
 *     renewal) nor released within two leases are dropped, so crashed nodes leave every view within
 *     two leases. See {@code Leases}.</li>
 * <li><b>Indirection</b> (optional, {@link MembershipConfig#indirectionWalk()}): a first
 *     subscription travels a random walk from the node it was sent to, and the node where the walk
 *     ends acts as contact, so that joins through one seed spread over the cluster.</li>
 * </ul>
 * Message types and fields are listed in {@link ScampMessageTypes}. Every change to either view is
 * reported through {@link MembershipContext#viewChanged}; neither view ever holds this node or a
 * duplicate.
 *
 * <p>Robustness: {@link #onMessage} never throws on a well-formed {@link MembershipMessage}; an
 * unknown type, a sender equal to this node, or a subject that makes no sense for its type is
 * rejected ({@code false}) and counted under {@code rejected}. After {@link #leave()} and until
 * the next {@link #join}, every message is rejected; one showing that its sender still holds this
 * node in its PV (subscription, heartbeat, kept or InView-add notice) is answered with an
 * unsubscription-remove so that the sender drops it.
 *
 * <p>Threading: not thread-safe, like every {@link Membership}.
 */
public final class ScampMembership implements Membership {

    private final MembershipContext context;
    private final MembershipConfig config;
    private final Views views;
    private final Outbox out;
    private final Counters counters = new Counters();
    private final Subscriptions subscriptions;
    private final Unsubscriptions unsubscriptions;
    private final Liveness liveness;
    private final Leases leases;
    private final Indirection indirection;
    private boolean left;
    private long joinAttempts;

    /**
     * Creates a node that is not yet joined; it can already act as a contact for others.
     *
     * @param config protocol settings
     * @param context the node's id, time, randomness and outputs
     */
    public ScampMembership(MembershipConfig config, MembershipContext context) {
        this.config = Objects.requireNonNull(config, "config");
        this.context = Objects.requireNonNull(context, "context");
        this.views = new Views(context);
        this.out = new Outbox(context);
        this.subscriptions = new Subscriptions(context, config, views, out, counters);
        this.unsubscriptions = new Unsubscriptions(context, config.c(), views, out, counters);
        this.leases = new Leases(context, config, views, out, counters, subscriptions, unsubscriptions);
        this.liveness = new Liveness(context, config, views, subscriptions, out, counters, leases);
        this.indirection = new Indirection(context, config, views, out, counters, subscriptions);
    }

    /**
     * Puts {@code contact} in the partial view and sends it a subscription. Calling it again (to
     * retry through another contact, or after {@link #leave()}) subscribes again. With indirection
     * on, attempts alternate: the first, third, ... walk from the contact, the second, fourth, ...
     * make the contact itself the contact. A walk can die at a crashed node still listed in some
     * view (nothing removes crashed nodes from partial views without leases), and on a 15-step walk
     * with a fifth of the entries stale that happens 98% of the time; the direct attempts bound how
     * long a join can take under churn.
     *
     * @throws IllegalArgumentException if {@code contact} is this node
     */
    @Override
    public void join(NodeId contact) {
        Objects.requireNonNull(contact, "contact");
        if (contact.equals(context.self())) {
            throw new IllegalArgumentException("cannot join through this node itself: " + contact);
        }
        left = false;
        liveness.joined(contact);
        leases.restart();
        subscriptions.subscribe(
                contact,
                joinAttempts++ % 2 == 0 ? ScampMessageTypes.SUBSCRIBE_JOIN : ScampMessageTypes.SUBSCRIBE_DIRECT);
    }

    @Override
    public boolean onMessage(MembershipMessage message) {
        boolean handled = message != null
                && !message.sender().equals(context.self())
                && (left ? whileLeft(message) : handle(message));
        if (!handled) {
            counters.rejected++;
        }
        return handled;
    }

    private boolean handle(MembershipMessage message) {
        boolean handled = switch (message.type()) {
            case ScampMessageTypes.SUBSCRIBE -> indirection.startWalk(message) || subscriptions.onSubscribe(message);
            case ScampMessageTypes.FORWARDED_SUBSCRIPTION -> subscriptions.onForwarded(message);
            case ScampMessageTypes.KEPT -> subscriptions.onKept(message) && leases.onKept(message.sender());
            case ScampMessageTypes.HEARTBEAT -> onHeartbeat(message.sender());
            case ScampMessageTypes.UNSUBSCRIBE_REPLACE -> unsubscriptions.onReplace(message);
            case ScampMessageTypes.UNSUBSCRIBE_REMOVE -> unsubscriptions.onRemove(message);
            case ScampMessageTypes.IN_VIEW_ADD -> unsubscriptions.onInViewAdd(message);
            case ScampMessageTypes.IN_VIEW_REMOVE -> unsubscriptions.onInViewRemove(message);
            case ScampMessageTypes.LEASE_RELEASE -> leases.onRelease(message);
            case ScampMessageTypes.LEASE_RENEW -> leases.onRenew(message);
            case ScampMessageTypes.WALK -> indirection.onWalk(message);
            case ScampMessageTypes.CONTACT -> indirection.onContact(message);
            case ScampMessageTypes.WALK_BACK -> indirection.onWalkBack(message);
            case ScampMessageTypes.LEASE_EXPIRED -> leases.onExpired(message);
            case ScampMessageTypes.LEASE_EXTEND -> leases.onExtend(message);
            default -> false;
        };
        if (handled
                && (message.type() == ScampMessageTypes.UNSUBSCRIBE_REPLACE
                        || message.type() == ScampMessageTypes.UNSUBSCRIBE_REMOVE)) {
            liveness.departed(message.sender());
        }
        if (handled && removesLinks(message.type())) {
            liveness.afterLinksRemoved();
        }
        if (handled) {
            liveness.heard(message.sender());
        }
        return handled;
    }

    private static boolean removesLinks(int type) {
        return type == ScampMessageTypes.UNSUBSCRIBE_REPLACE
                || type == ScampMessageTypes.UNSUBSCRIBE_REMOVE
                || type == ScampMessageTypes.IN_VIEW_REMOVE
                || type == ScampMessageTypes.LEASE_RELEASE
                || type == ScampMessageTypes.LEASE_EXPIRED;
    }

    private boolean onHeartbeat(NodeId sender) {
        counters.heartbeatsReceived++;
        boolean repaired = views.addIn(sender);
        if (repaired) {
            counters.inViewRepairs++;
        }
        liveness.heardHeartbeat(sender, repaired);
        return true;
    }

    /**
     * After leave(): reject, but tell a sender that still holds this node in its PV to drop it, and
     * one that believes this node holds it (a lease release) to drop this node from its InView.
     */
    private boolean whileLeft(MembershipMessage message) {
        switch (message.type()) {
            case ScampMessageTypes.SUBSCRIBE,
                    ScampMessageTypes.KEPT,
                    ScampMessageTypes.HEARTBEAT,
                    ScampMessageTypes.IN_VIEW_ADD,
                    ScampMessageTypes.LEASE_RENEW,
                    ScampMessageTypes.WALK,
                    ScampMessageTypes.WALK_BACK,
                    ScampMessageTypes.LEASE_EXTEND -> out.remove(message.sender());
            case ScampMessageTypes.LEASE_RELEASE, ScampMessageTypes.CONTACT -> out.inViewRemove(message.sender());
            case ScampMessageTypes.FORWARDED_SUBSCRIPTION -> counters.forwardedDropped++;
            default -> {
                // nothing holds this node through such a message
            }
        }
        return false;
    }

    /** Sends heartbeats when due and resubscribes when isolated. */
    @Override
    public void onTick() {
        if (!left) {
            liveness.onTick();
            leases.onTick();
        }
    }

    /**
     * Unsubscribes (paper §2.2.2). With InView {@code i(0..l'-1)} and PV {@code j(0..l-1)}, the
     * first {@code l'-c-1} InView members are asked to replace their link to this node by {@code
     * j(k mod l)}, the last {@code c+1} (all of them if {@code l' <= c+1} or {@code l = 0}) to remove
     * it; PV members are told to drop this node from their InViews. Both views are then empty.
     */
    @Override
    public void leave() {
        if (!views.partial().isEmpty() || !views.in().isEmpty()) {
            counters.leaves++;
        }
        unsubscriptions.leave();
        liveness.left();
        left = true;
    }

    @Override
    public List<NodeId> partialView() {
        return views.partial().view();
    }

    @Override
    public List<NodeId> inView() {
        return views.in().view();
    }

    /** @return {@code true} while the InView is not empty: some node holds this one in its PV */
    @Override
    public boolean isJoined() {
        return !views.in().isEmpty();
    }

    /** @return {@code e^{|PV|/(c+1)}}, the mean-view formula inverted; 1 for an empty PV */
    @Override
    public double estimatedSize() {
        return Math.exp(views.partial().size() / (double) (config.c() + 1));
    }

    /**
     * @return a copy of the counters: {@code subscriptionsReceived}, {@code subscriptionsKept},
     *     {@code forwardedSubscriptions}, {@code forwardedReceived}, {@code forwardedDropped},
     *     {@code heartbeatsSent}, {@code heartbeatsReceived}, {@code inViewRepairs}, {@code
     *     resubscriptions}, {@code leaves}, {@code unsubscriptions}, {@code replacements}, {@code
     *     leaseRenewals}, {@code leaseRetries}, {@code leaseReleases}, {@code leaseTopUps}, {@code
     *     leaseUnreplaced}, {@code leaseCopies}, {@code leasesExpired}, {@code walksStarted}, {@code
     *     walksEnded}, {@code inViewExpired}, {@code rejected}
     */
    @Override
    public Map<String, Long> counters() {
        return counters.toMap();
    }

    @Override
    public String toString() {
        return "ScampMembership[" + context.self() + ", pv=" + views.partial().size() + ", in="
                + views.in().size() + (left ? ", left" : "") + "]";
    }
}
