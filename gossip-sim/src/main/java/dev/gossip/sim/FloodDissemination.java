package dev.gossip.sim;

import dev.gossip.NodeId;
import java.util.List;

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
    void spread(SimNode node, int from, int broadcastIndex, int hops, long now) {
        forward(node, from, broadcast(broadcastIndex), broadcastIndex, hops);
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
