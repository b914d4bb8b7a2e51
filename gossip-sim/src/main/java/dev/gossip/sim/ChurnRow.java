package dev.gossip.sim;

import java.util.List;

/**
 * One sample of the churn experiment.
 *
 * @param timeS virtual seconds since churn began
 * @param up live nodes
 * @param joins nodes that joined since churn began
 * @param departures nodes that left or crashed since churn began
 * @param meanPv mean partial-view size of live nodes
 * @param sdPv standard deviation of the partial-view size of live nodes
 * @param meanInView mean InView size of live nodes
 * @param asymmetric share of links between live nodes that one end does not know of ({@code j} in
 *     {@code PV(i)} without {@code i} in {@code InView(j)}, or the reverse), over all PV entries
 * @param dangling share of live nodes' PV entries that name a departed node
 * @param isolated live nodes with an empty InView (nobody gossips to them)
 * @param connected whether every live node reaches every other along PV links between live nodes
 * @param fracReached share of the live nodes that the gossip sent at this sample reached within
 *     the gossip window (capped at 1: nodes that joined meanwhile count too)
 * @param resubscriptions resubscriptions of isolated nodes so far (membership counter, all nodes)
 * @param seed the run's master seed ({@link ChurnConfig#seed()}), which tells runs apart
 */
public record ChurnRow(
        double timeS,
        int up,
        long joins,
        long departures,
        double meanPv,
        double sdPv,
        double meanInView,
        double asymmetric,
        double dangling,
        int isolated,
        boolean connected,
        double fracReached,
        long resubscriptions,
        long seed)
        implements Row {

    private static final List<String> COLUMNS = List.of(
            "time_s",
            "up",
            "joins",
            "departures",
            "mean_pv",
            "sd_pv",
            "mean_inview",
            "asymmetric",
            "dangling",
            "isolated",
            "connected",
            "frac_reached",
            "resubscriptions",
            "seed");

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> values() {
        return List.of(
                timeS,
                up,
                joins,
                departures,
                meanPv,
                sdPv,
                meanInView,
                asymmetric,
                dangling,
                isolated,
                connected,
                fracReached,
                resubscriptions,
                seed);
    }
}
