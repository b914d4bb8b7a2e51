package dev.gossip.scamp;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipMessage;

/**
 * Leases (paper §3.2), in the variant that keeps the number of links constant. A subscription
 * lives for about one lease: at intervals drawn uniformly from {@code [lease/2, 3·lease/2]} (so
 * that renewals do not synchronise), a node with a non-empty InView and PV
 * <ol>
 * <li>tells every InView member that its renewal has begun ({@link
 *     ScampMessageTypes#LEASE_EXTEND}): the holder restarts the entry's lease clock;</li>
 * <li>asks one random PV member to issue {@code |InView|} forwarded subscriptions of it ({@link
 *     ScampMessageTypes#LEASE_RENEW}), plus one for each in-link lost since (below); they land on
 *     new holders by the usual keep-or-forward rule;</li>
 * <li>each time a new holder reports a kept copy, releases one of the in-links it had when the
 *     renewal began ({@link ScampMessageTypes#LEASE_RELEASE}); the holder drops it from its PV and
 *     confirms with an InView-remove.</li>
 * </ol>
 * The links of the renewing node are thus reshuffled, not added (the naive renewal, a full
 * resubscription, adds {@code |PV(contact)| + c + 1} links each time and the graph fills up), and
 * never lost to the renewal: an old in-link goes only once its replacement exists.
 *
 * <p>Why release on replacement: a copy that meets a crashed node, as renewal target or on its
 * keep-or-forward walk, is lost without a trace. Under 5%/min churn (half crashes) at 1,000 nodes
 * with a 60 s lease, releasing every in-link up front lost 23% of the in-links at each renewal (4%
 * of the copies through a crashed target, the rest on walks into crashed PV entries, 2.6% of all
 * forwards), and the mean view fell from 11.7 to 3.0 in ten minutes, 42 nodes without an in-link.
 *
 * <p>Copies still missing when none has been kept for {@code isolationTimeout} (copies still on
 * their way, in a slow or loaded network, are not asked for twice) are asked for again through a
 * PV member not yet asked, at most {@value #ATTEMPTS} requests in all (a node has at most one renewal
 * outstanding); in-links still unreleased then stay, and the next renewal takes them up again.
 *
 * <p>Lost in-links are replaced: an InView member silent for the isolation timeout (a crashed
 * holder; one restored by a lone heartbeat is on probation and does not count, see {@link
 * Liveness}) and a holder's {@link ScampMessageTypes#LEASE_EXPIRED} notice each add one copy to
 * the renewal running, or start a request of their own. This matches what a crash does to what a
 * graceful leave does: the crashed node's out-links come back as in-links of its PV members,
 * somewhere else, as the paper's unsubscription re-links them.
 *
 * <p>Expiry: a PV entry neither extended nor released within {@code 2·lease} belongs to a node that
 * failed to renew (crashed or cut off): it is dropped, counted, and its node told ({@link
 * ScampMessageTypes#LEASE_EXPIRED}), so crashed nodes leave every view within two leases of their
 * last renewal, at most two leases after the crash. The extension in step 1 is what lets a live
 * node keep its links while its copies go astray: when half of a 1,000-node cluster crashed at
 * once (lease 2 s), holders otherwise expired live nodes whose copies died in the dead half, the
 * mean view fell from 35 to 5 and up to 19 survivors had no live PV member.
 */
final class Leases {

    /** Requests a renewal makes at most: the first, and retries through other PV members. */
    static final int ATTEMPTS = 3;

    private final MembershipContext context;
    private final Views views;
    private final Outbox out;
    private final Counters counters;
    private final Subscriptions subscriptions;
    private final Unsubscriptions unsubscriptions;
    private final long lease;
    private final long expiry;
    private final long retryAfter;
    /** In-links held when the running renewal began and not yet released. */
    private final NodeSet pending = new NodeSet();
    /** PV members asked during the running renewal. */
    private final NodeSet asked = new NodeSet();
    /** Copies wanted beyond the pending in-links: replacements of in-links lost to crashes. */
    private int extra;
    /** Replacements a renewal gave up on; the next renewal asks for them. */
    private int deferred;

    private long nextRenewal;
    private long lastRequest;

    Leases(
            MembershipContext context,
            MembershipConfig config,
            Views views,
            Outbox out,
            Counters counters,
            Subscriptions subscriptions,
            Unsubscriptions unsubscriptions) {
        this.context = context;
        this.views = views;
        this.out = out;
        this.counters = counters;
        this.subscriptions = subscriptions;
        this.unsubscriptions = unsubscriptions;
        this.lease = Math.min(Liveness.nanos(config.lease()), Long.MAX_VALUE / 4);
        this.expiry = 2 * lease;
        this.retryAfter = Math.min(Liveness.nanos(config.isolationTimeout()), lease);
        schedule();
    }

    /** The node has (re)joined: its first renewal is one random interval away. */
    void restart() {
        clearRenewal();
        extra = 0;
        deferred = 0;
        schedule();
    }

    void onTick() {
        if (lease == 0) {
            return;
        }
        long now = context.nanoTime();
        expire(now);
        if (now - nextRenewal >= 0) {
            renew(now);
            schedule();
        } else if (missing() > 0 && (asked.isEmpty() || now - lastRequest >= retryAfter)) {
            retry(now);
        }
    }

    private void schedule() {
        if (lease > 0) {
            nextRenewal =
                    context.nanoTime() + (long) (lease * (0.5 + context.random().nextDouble()));
        }
    }

    private int missing() {
        return pending.size() + extra;
    }

    private void renew(long now) {
        clearRenewal();
        extra = Math.min(ScampMessageTypes.MAX_RENEW_COPIES, extra + deferred);
        deferred = 0;
        if (views.in().isEmpty() || views.partial().isEmpty()) {
            return;
        }
        NodeSet in = views.in();
        for (int i = 0; i < in.size(); i++) {
            pending.add(in.get(i));
            out.leaseExtend(in.get(i));
        }
        request(now);
        counters.leaseRenewals++;
    }

    /**
     * Asks for the copies still missing (again), through a PV member not yet asked, or gives up
     * after {@value #ATTEMPTS} requests, leaving the unreleased in-links in place and deferring
     * the replacements of lost ones to the next renewal.
     */
    private void retry(long now) {
        for (int i = pending.size() - 1; i >= 0; i--) {
            if (!views.in().contains(pending.get(i))) {
                pending.remove(pending.get(i));
            }
        }
        if (missing() == 0) {
            clearRenewal();
            return;
        }
        if (asked.size() >= ATTEMPTS || views.partial().isEmpty()) {
            counters.leaseUnreplaced += missing();
            deferred = Math.min(ScampMessageTypes.MAX_RENEW_COPIES, deferred + extra);
            extra = 0;
            clearRenewal();
            return;
        }
        if (!asked.isEmpty()) {
            counters.leaseRetries++;
        }
        request(now);
    }

    private void request(long now) {
        NodeSet partial = views.partial();
        NodeId through = partial.random(context.random());
        for (int tries = 0; asked.contains(through) && tries < 4 * partial.size(); tries++) {
            through = partial.random(context.random());
        }
        asked.add(through);
        lastRequest = now;
        out.renew(through, Math.min(missing(), ScampMessageTypes.MAX_RENEW_COPIES));
    }

    private void clearRenewal() {
        pending.clear();
        asked.clear();
    }

    /**
     * Renewing node: {@code keeper} has kept a copy of this node. If it is a new holder, one old
     * in-link is released (a holder in the InView when the renewal began, now replaced), or one
     * lost in-link counts as replaced.
     */
    boolean onKept(NodeId keeper) {
        if (missing() == 0 || pending.contains(keeper)) {
            return true;
        }
        lastRequest = context.nanoTime();
        if (pending.isEmpty()) {
            extra--;
        } else {
            NodeId holder = pending.get(pending.size() - 1);
            pending.remove(holder);
            NodeSet partial = views.partial();
            out.release(
                    holder,
                    Unsubscriptions.replacementFor(
                            holder, context.random().nextInt(Math.max(1, partial.size())), partial.view()));
            counters.leaseReleases++;
        }
        if (missing() == 0) {
            clearRenewal();
        }
        return true;
    }

    /**
     * Liveness dropped {@code holder} from the InView: nothing heard from it for the isolation
     * timeout, so it crashed (or was cut off) and the link it held is gone. A replacement is asked
     * for at once, through the renewal running or a new request.
     */
    void inLinkLost(NodeId holder) {
        if (lease == 0) {
            return;
        }
        pending.remove(holder);
        if (extra < ScampMessageTypes.MAX_RENEW_COPIES) {
            extra++;
            counters.leaseTopUps++;
        }
    }

    private void expire(long now) {
        NodeSet partial = views.partial();
        for (int i = partial.size() - 1; i >= 0; i--) {
            NodeId member = partial.get(i);
            if (now - partial.time(i) >= expiry) {
                views.removePartial(member);
                out.leaseExpired(member);
                counters.leasesExpired++;
            }
        }
    }

    /**
     * Member: the sender (a holder) has dropped this node, whose lease it saw run out. If it was an
     * in-link, a replacement is asked for as for one lost to a crash.
     */
    boolean onExpired(MembershipMessage message) {
        if (views.removeIn(message.sender())) {
            inLinkLost(message.sender());
        }
        return true;
    }

    /** Holder: the sender has begun a renewal; its entry lives until it is released or expires again. */
    boolean onExtend(MembershipMessage message) {
        views.renewedPartial(message.sender());
        return true;
    }

    /** Holder: the sender renews; drop it (with fallback) and confirm either way. */
    boolean onRelease(MembershipMessage message) {
        unsubscriptions.removeWithFallback(message);
        out.inViewRemove(message.sender());
        return true;
    }

    /** PV member of a renewing node: issue its copies as if they had just arrived here. */
    boolean onRenew(MembershipMessage message) {
        NodeId subscriber = message.sender();
        if (!subscriber.equals(message.subject()) || message.counter() == 0) {
            return false;
        }
        int copies = Math.min(message.counter(), ScampMessageTypes.MAX_RENEW_COPIES);
        counters.leaseCopies += copies;
        for (int i = 0; i < copies; i++) {
            subscriptions.keepOrForward(subscriber, 0);
        }
        return true;
    }
}
