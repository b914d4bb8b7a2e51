package dev.gossip.bench;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.spi.Membership;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipMessage;
import dev.gossip.spi.MembershipProvider;
import java.util.List;
import java.util.Map;

/**
 * A membership whose views never change: a fixed partial view, as a node holds in a steady cluster.
 * Benchmarks use it so that the measured work is dissemination only. Not registered with
 * ServiceLoader: passed to the engine directly.
 */
final class FixedMembership implements Membership {

    private final List<NodeId> partialView;

    FixedMembership(List<NodeId> partialView) {
        this.partialView = List.copyOf(partialView);
    }

    /**
     * @param partialView the view every membership it creates holds
     * @return a provider of such memberships
     */
    static MembershipProvider provider(List<NodeId> partialView) {
        return new MembershipProvider() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public Membership create(MembershipConfig config, MembershipContext context) {
                return new FixedMembership(partialView);
            }
        };
    }

    @Override
    public void join(NodeId contact) {}

    @Override
    public boolean onMessage(MembershipMessage message) {
        return false;
    }

    @Override
    public void onTick() {}

    @Override
    public void leave() {}

    @Override
    public List<NodeId> partialView() {
        return partialView;
    }

    @Override
    public List<NodeId> inView() {
        return partialView;
    }

    @Override
    public boolean isJoined() {
        return true;
    }

    @Override
    public double estimatedSize() {
        return Math.exp(partialView.size() / 2.0);
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of();
    }
}
