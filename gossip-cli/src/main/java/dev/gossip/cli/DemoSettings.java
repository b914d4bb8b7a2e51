package dev.gossip.cli;

import dev.gossip.DisseminationConfig;
import java.time.Duration;

/**
 * What {@code gossip demo} runs, once its flags are checked.
 *
 * @param nodes number of nodes, at least 2
 * @param messages number of broadcasts, at least 1
 * @param c SCAMP's redundancy
 * @param seed seed of every random choice
 * @param timeout how long each phase (joining, delivering) may take
 * @param transport transport provider name
 * @param dissemination how messages spread: flood or tree
 */
record DemoSettings(
        int nodes,
        int messages,
        int c,
        long seed,
        Duration timeout,
        String transport,
        DisseminationConfig.Mode dissemination) {

    /** @return deliveries expected: every message at every node but its origin */
    long expectedDeliveries() {
        return (long) messages * (nodes - 1);
    }
}
