package dev.gossip.sim;

import java.util.List;

/**
 * The views of one {@code (n, c)} over its runs.
 *
 * @param n nodes
 * @param c SCAMP's redundancy parameter
 * @param runs runs averaged
 * @param meanPv mean partial-view size over all nodes of all runs
 * @param sdPv standard deviation of the partial-view size over all nodes of all runs
 * @param expectedPv {@code (c+1)·ln n}
 * @param minPv smallest partial view seen
 * @param maxPv largest partial view seen
 * @param meanInView mean InView size (equal to {@code meanPv} when every link is known at both ends)
 * @param droppedPerRun forwarded-subscription copies dropped by the loop guard, per run (the
 *     membership's {@code forwardedDropped} counter summed over nodes); each dropped copy is a
 *     partial-view entry fewer than the join invariant promises
 */
public record ViewsRow(
        int n,
        int c,
        int runs,
        double meanPv,
        double sdPv,
        double expectedPv,
        int minPv,
        int maxPv,
        double meanInView,
        double droppedPerRun)
        implements Row {

    private static final List<String> COLUMNS = List.of(
            "n", "c", "runs", "mean_pv", "sd_pv", "expected_pv", "min_pv", "max_pv", "mean_inview", "dropped_per_run");

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> values() {
        return List.of(n, c, runs, meanPv, sdPv, expectedPv, minPv, maxPv, meanInView, droppedPerRun);
    }
}
