package dev.gossip.core;

import dev.gossip.NodeId;
import dev.gossip.spi.Membership;
import dev.gossip.spi.MembershipMessage;
import java.util.List;
import java.util.Map;

/** A membership that passes every call to another; tests override the call they want to break. */
class ForwardingMembership implements Membership {

    private final Membership inner;

    ForwardingMembership(Membership inner) {
        this.inner = inner;
    }

    @Override
    public void join(NodeId contact) {
        inner.join(contact);
    }

    @Override
    public boolean onMessage(MembershipMessage message) {
        return inner.onMessage(message);
    }

    @Override
    public void onTick() {
        inner.onTick();
    }

    @Override
    public void leave() {
        inner.leave();
    }

    @Override
    public List<NodeId> partialView() {
        return inner.partialView();
    }

    @Override
    public List<NodeId> inView() {
        return inner.inView();
    }

    @Override
    public boolean isJoined() {
        return inner.isJoined();
    }

    @Override
    public double estimatedSize() {
        return inner.estimatedSize();
    }

    @Override
    public Map<String, Long> counters() {
        return inner.counters();
    }
}
