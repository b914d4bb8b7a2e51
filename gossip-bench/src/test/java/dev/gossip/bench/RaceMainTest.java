package dev.gossip.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The race with our nodes only, five of them, two runs: enough to show the harness forms a cluster,
 * times a broadcast and counts messages. The full race (ScaleCube, JGroups, up to 100 nodes) is run
 * by hand; see docs/benchmarks.md.
 */
class RaceMainTest {

    @Test
    void fiveOfOurNodesDeliverEveryRun() throws Exception {
        long seed = 42;
        RaceResult result = RaceMain.race((recorder, n) -> new GossipRaceCluster(recorder, seed, false, dev.gossip.DisseminationConfig.Mode.TREE), 5, 2, seed);
        assertThat(result.incomplete()).as("incomplete runs, seed %d", seed).isZero();
        assertThat(result.deliveries()).isEqualTo(2 * 4);
        assertThat(result.messagesPerDelivery()).isGreaterThanOrEqualTo(1.0);
        assertThat(result.row()).contains("gossip");
    }
}
