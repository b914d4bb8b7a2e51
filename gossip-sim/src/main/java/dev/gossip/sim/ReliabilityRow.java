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
 *     nodes included)
 */
public record ReliabilityRow(String protocol, int n, int c, double fail, int trials, double pAllReached,
                             double meanFracReached, double msgsPerNode) implements Row {

    private static final List<String> COLUMNS = List.of("protocol", "n", "c", "fail", "trials",
            "p_all_reached", "mean_frac_reached", "msgs_per_node");

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> values() {
        return List.of(protocol, n, c, fail, trials, pAllReached, meanFracReached, msgsPerNode);
    }
}
