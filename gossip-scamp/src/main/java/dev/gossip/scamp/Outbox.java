package dev.gossip.scamp;

import dev.gossip.NodeId;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds SCAMP messages with this node as sender and hands them to {@link
 * MembershipContext#send}. Messages without a subject are built once and reused.
 */
final class Outbox {

    private final MembershipContext context;
    private final NodeId self;
    private final MembershipMessage heartbeat;
    private final MembershipMessage remove;
    private final MembershipMessage inViewAdd;
    private final MembershipMessage inViewRemove;
    private final MembershipMessage leaseExpired;
    private final MembershipMessage leaseExtend;

    Outbox(MembershipContext context) {
        this.context = context;
        this.self = context.self();
        this.heartbeat = MembershipMessage.of(ScampMessageTypes.HEARTBEAT, self);
        this.remove = MembershipMessage.of(ScampMessageTypes.UNSUBSCRIBE_REMOVE, self);
        this.inViewAdd = MembershipMessage.of(ScampMessageTypes.IN_VIEW_ADD, self);
        this.inViewRemove = MembershipMessage.of(ScampMessageTypes.IN_VIEW_REMOVE, self);
        this.leaseExpired = MembershipMessage.of(ScampMessageTypes.LEASE_EXPIRED, self);
        this.leaseExtend = MembershipMessage.of(ScampMessageTypes.LEASE_EXTEND, self);
    }

    void subscribe(NodeId contact, int mode) {
        context.send(contact, MembershipMessage.of(ScampMessageTypes.SUBSCRIBE, self, self, mode));
    }

    void forwarded(NodeId to, NodeId subscriber, int hops) {
        context.send(to, MembershipMessage.of(ScampMessageTypes.FORWARDED_SUBSCRIPTION, self, subscriber, hops));
    }

    void kept(NodeId subscriber) {
        context.send(subscriber, MembershipMessage.of(ScampMessageTypes.KEPT, self, subscriber, 0));
    }

    void heartbeat(NodeId to) {
        context.send(to, heartbeat);
    }

    void replace(NodeId to, NodeId replacement) {
        context.send(
                to, new MembershipMessage(ScampMessageTypes.UNSUBSCRIBE_REPLACE, self, null, 0, List.of(replacement)));
    }

    void remove(NodeId to) {
        context.send(to, remove);
    }

    void remove(NodeId to, @Nullable NodeId fallback) {
        context.send(
                to,
                fallback == null
                        ? remove
                        : new MembershipMessage(
                                ScampMessageTypes.UNSUBSCRIBE_REMOVE, self, null, 0, List.of(fallback)));
    }

    void release(NodeId holder, @Nullable NodeId fallback) {
        context.send(
                holder,
                new MembershipMessage(
                        ScampMessageTypes.LEASE_RELEASE,
                        self,
                        null,
                        0,
                        fallback == null ? List.of() : List.of(fallback)));
    }

    void renew(NodeId member, int copies) {
        context.send(member, MembershipMessage.of(ScampMessageTypes.LEASE_RENEW, self, self, copies));
    }

    void walk(NodeId to, NodeId subscriber, int counter, NodeId origin) {
        context.send(to, new MembershipMessage(ScampMessageTypes.WALK, self, subscriber, counter, List.of(origin)));
    }

    void walkBack(NodeId to, NodeId subscriber, int steps, NodeId origin) {
        context.send(to, new MembershipMessage(ScampMessageTypes.WALK_BACK, self, subscriber, steps, List.of(origin)));
    }

    void contact(NodeId subscriber, NodeId origin) {
        context.send(
                subscriber, new MembershipMessage(ScampMessageTypes.CONTACT, self, subscriber, 0, List.of(origin)));
    }

    void inViewAdd(NodeId to) {
        context.send(to, inViewAdd);
    }

    void inViewRemove(NodeId to) {
        context.send(to, inViewRemove);
    }

    void leaseExpired(NodeId to) {
        context.send(to, leaseExpired);
    }

    void leaseExtend(NodeId to) {
        context.send(to, leaseExtend);
    }
}
