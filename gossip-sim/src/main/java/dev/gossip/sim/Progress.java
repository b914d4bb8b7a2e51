package dev.gossip.sim;

/**
 * Receives progress of a long experiment, for a progress line on a terminal. Called often (up to
 * about a hundred times a stage), one call at a time but possibly from an experiment's worker
 * threads (the experiments serialise the calls); keep it quick and never throw.
 */
@FunctionalInterface
public interface Progress {

    /**
     * Reports progress.
     *
     * @param stage what is running, such as {@code views n=10000 c=1 run 2/3}
     * @param done units done in this stage
     * @param total units in this stage
     */
    void report(String stage, long done, long total);

    /** @return a progress that ignores everything */
    static Progress none() {
        return (stage, done, total) -> {};
    }
}
