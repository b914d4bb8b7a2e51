package dev.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The paper's comparison scheme reproduces its known limit exp(-exp(-c)) at n = 10,000. */
class GlobalGossipTest {

    @Test
    void reachesEveryoneWithProbabilityExpMinusExpMinusC() {
        long seed = 20_031;
        int trials = 1500;
        ReliabilityConfig config = ReliabilityConfig.builder()
                .nodes(10_000)
                .fails(List.of(0.0))
                .trials(trials)
                .protocols(List.of(ReliabilityConfig.GLOBAL))
                .seed(seed)
                .build();
        List<ReliabilityRow> rows = Experiments.reliability(config, Progress.none());
        assertThat(rows).hasSize(4);
        for (ReliabilityRow row : rows) {
            double expected = Math.exp(-Math.exp(-row.c()));
            assertThat(row.pAllReached()).as("seed %d c %d", seed, row.c()).isCloseTo(expected, within(0.05));
            assertThat(row.msgsPerNode())
                    .as("seed %d c %d", seed, row.c())
                    .isCloseTo(Math.log(10_000) + row.c(), within(0.1));
        }
    }

    @Test
    void crashedNodesAreNeitherReachedNorForwarders() {
        GlobalGossip gossip = new GlobalGossip(1000);
        boolean[] down = new boolean[1000];
        for (int i = 0; i < 500; i++) {
            down[2 * i + 1] = true;
        }
        int reached = gossip.run(down, 0, Math.log(1000) + 2, new java.util.SplittableRandom(1));
        assertThat(reached).isLessThanOrEqualTo(500).isGreaterThan(400);
        assertThat(gossip.messages()).isPositive();
    }
}
