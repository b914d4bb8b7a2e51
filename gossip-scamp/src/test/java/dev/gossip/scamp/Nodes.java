package dev.gossip.scamp;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.spi.MembershipMessage;
import java.util.ArrayList;
import java.util.List;

/** Builds single SCAMP nodes with given views for tests. */
final class Nodes {

    private Nodes() {}

    /** @return {@code count} ids named {@code prefix0}, {@code prefix1}, ... */
    static List<NodeId> named(String prefix, int count) {
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(RecordingContext.node(prefix + i));
        }
        return ids;
    }

    /**
     * A node whose PV holds {@code partial} (through joins) and whose InView holds {@code in}
     * (through kept notices), with the context's records cleared afterwards.
     */
    static ScampMembership withViews(
            RecordingContext context, MembershipConfig config, List<NodeId> partial, List<NodeId> in) {
        ScampMembership node = new ScampMembership(config, context);
        for (NodeId member : partial) {
            node.join(member);
        }
        for (NodeId member : in) {
            node.onMessage(new MembershipMessage(ScampMessageTypes.KEPT, member, context.self(), 0, List.of()));
        }
        context.sent.clear();
        context.changes.clear();
        return node;
    }

    static MembershipMessage message(int type, NodeId sender, NodeId subject, int counter, NodeId... nodes) {
        return new MembershipMessage(type, sender, subject, counter, List.of(nodes));
    }
}
