package dev.gossip.sim;

import java.util.List;

/**
 * The reliability of one protocol at one {@code (c, fail)} over its trials.
 *
 * @param protocol {@code scamp} or {@code global}
 * @param n nodes, crashed ones included
 * @param c the redundancy parameter (for {@code global}: the fanout is {@code ln n + c})
 * @param fail the fraction of nodes crashed
 * @param trials trials
 * @param pAllReached share of trials in which every live node got the message
 * @param meanFracReached mean share of live nodes reached
 * @param msgsPerNode gossip datagrams sent per live node, mean over trials (datagrams to crashed
 *     nodes included): the payloads and, for the tree, its control datagrams
 * @param dissemination {@code flood} or {@code tree} ({@code global} always floods)
 * @param payloadMsgsPerNode datagrams carrying the payload per live node, mean over trials: every
 *     copy of a flood; a tree's eager pushes and graft answers
 * @param controlMsgsPerNode the tree's announcements, grafts and prunes for the measured broadcast
 *     per live node, mean over trials; 0 for a flood
 * @param lastDeliveryHop the largest hop count at which a node first received the broadcast (1 for
 *     the origin's neighbours), mean over trials
 * @param overlays overlays grown for these trials ({@code trials / patterns}, rounded up); 0 for
 *     {@code global}, which grows none
 */
public record ReliabilityRow(
        String protocol,
        int n,
        int c,
        double fail,
        int trials,
        double pAllReached,
        double meanFracReached,
        double msgsPerNode,
        String dissemination,
        double payloadMsgsPerNode,
        double controlMsgsPerNode,
        double lastDeliveryHop,
        int overlays)
        implements Row {

    private static final List<String> COLUMNS = List.of(
            "protocol",
            "n",
            "c",
            "fail",
            "trials",
            "p_all_reached",
            "mean_frac_reached",
            "msgs_per_node",
            "dissemination",
            "payload_msgs_per_node",
            "control_msgs_per_node",
            "last_delivery_hop",
            "overlays");

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> values() {
        return List.of(
                protocol,
                n,
                c,
                fail,
                trials,
                pAllReached,
                meanFracReached,
                msgsPerNode,
                dissemination,
                payloadMsgsPerNode,
                controlMsgsPerNode,
                lastDeliveryHop,
                overlays);
    }
}
