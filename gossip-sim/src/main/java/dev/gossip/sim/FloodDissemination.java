package dev.gossip.sim;

import dev.gossip.MessageId;
import dev.gossip.NodeId;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The engine's flood ({@link dev.gossip.DisseminationConfig.Mode#FLOOD}) over simulated nodes: on
 * first receipt a node delivers a message once and forwards it once to every partial-view member
 * except the node it came from; ids are remembered in each node's bounded {@link
 * dev.gossip.core.SeenMessages} (core's dedup set, created on a node's first message), and a later
 * copy is a counted duplicate. The origin remembers its own id, so echoes are duplicates too.
 */
final class FloodDissemination extends Dissemination {

    FloodDissemination(Simulator sim, int dedupCapacity) {
        super(sim, dedupCapacity);
    }

    @Override
    Broadcast broadcast(SimNode origin, RandomGenerator random, long now) {
        Broadcast b = new Broadcast(new MessageId(random.nextLong(), random.nextLong()), origin.index, now);
        int index = register(b);
        origin.seen(dedupCapacity).add(b.id().high(), b.id().low());
        b.delivered(now, 0);
        forward(origin, -1, b, index, 0);
        return b;
    }

    @Override
    void deliver(SimNode to, int from, int broadcastIndex, int hops, long now) {
        Broadcast b = broadcast(broadcastIndex);
        if (to.state != SimNode.UP) {
            b.toDown();
            return;
        }
        if (!to.seen(dedupCapacity).add(b.id().high(), b.id().low())) {
            b.duplicate();
            return;
        }
        b.delivered(now, hops);
        forward(to, from, b, broadcastIndex, hops);
    }

    private void forward(SimNode node, int from, Broadcast b, int broadcastIndex, int hops) {
        List<NodeId> view = node.membership.partialView();
        for (int i = 0, n = view.size(); i < n; i++) {
            int to = NodeIds.indexOf(view.get(i));
            if (to == from) {
                continue;
            }
            b.sent();
            if (!sim.sendGossip(node.index, to, broadcastIndex, hops + 1)) {
                b.dropped();
            }
        }
    }
}
