package dev.gossip.scamp;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipMessage;
import java.util.List;

/**
 * Leases (paper §3.2), in the variant that keeps the number of links constant. A subscription
 * lives for about one lease: at intervals drawn uniformly from {@code [lease/2, 3·lease/2]} (so
 * that renewals do not synchronise), a node with a non-empty InView and PV asks every InView member
 * to drop it ({@link ScampMessageTypes#LEASE_RELEASE}) and one random PV member to issue as many
 * forwarded subscriptions of it ({@link ScampMessageTypes#LEASE_RENEW}), which land on new holders
 * by the usual keep-or-forward rule. The links of the renewing node are thus reshuffled, not
 * added: the naive renewal, a full resubscription, adds {@code |PV(contact)| + c + 1} links each
 * time and the graph fills up.
 *
 * <p>Holders answer each release with an InView-remove, so the renewing node's InView empties as
 * releases are confirmed and refills as the copies are kept; meanwhile it does not take the empty
 * InView as a reason to resubscribe. A PV entry that is not released within {@code 2·lease} of
 * being added belongs to a node that failed to renew (crashed or cut off): it is dropped and
 * counted, so crashed nodes leave every view within two leases.
 */
final class Leases {

    private final MembershipContext context;
    private final Views views;
    private final Outbox out;
    private final Counters counters;
    private final Subscriptions subscriptions;
    private final Unsubscriptions unsubscriptions;
    private final Liveness liveness;
    private final long lease;
    private final long expiry;
    private long nextRenewal;

    Leases(MembershipContext context, MembershipConfig config, Views views, Outbox out, Counters counters,
            Subscriptions subscriptions, Unsubscriptions unsubscriptions, Liveness liveness) {
        this.context = context;
        this.views = views;
        this.out = out;
        this.counters = counters;
        this.subscriptions = subscriptions;
        this.unsubscriptions = unsubscriptions;
        this.liveness = liveness;
        this.lease = Math.min(Liveness.nanos(config.lease()), Long.MAX_VALUE / 4);
        this.expiry = 2 * lease;
        schedule();
    }

    /** The node has (re)joined: its first renewal is one random interval away. */
    void restart() {
        schedule();
    }

    void onTick() {
        if (lease == 0) {
            return;
        }
        long now = context.nanoTime();
        expire(now);
        if (now - nextRenewal >= 0) {
            renew();
            schedule();
        }
    }

    private void schedule() {
        if (lease > 0) {
            nextRenewal = context.nanoTime() + (long) (lease * (0.5 + context.random().nextDouble()));
        }
    }

    private void renew() {
        if (views.in().isEmpty() || views.partial().isEmpty()) {
            return;
        }
        List<NodeId> holders = views.in().copy();
        List<NodeId> members = views.partial().copy();
        for (int k = 0; k < holders.size(); k++) {
            out.release(holders.get(k), Unsubscriptions.replacementFor(holders.get(k), k, members));
        }
        NodeId through = members.get(context.random().nextInt(members.size()));
        out.renew(through, Math.min(holders.size(), ScampMessageTypes.MAX_RENEW_COPIES));
        liveness.renewing();
        counters.leaseRenewals++;
    }

    private void expire(long now) {
        NodeSet partial = views.partial();
        for (int i = partial.size() - 1; i >= 0; i--) {
            NodeId member = partial.get(i);
            if (now - views.partialSince(member) >= expiry) {
                views.removePartial(member);
                out.inViewRemove(member);
                counters.leasesExpired++;
            }
        }
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
