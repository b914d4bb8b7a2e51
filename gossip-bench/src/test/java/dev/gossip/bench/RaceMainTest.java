package dev.gossip.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.DisseminationConfig;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The race with our nodes only, five of them, two runs: enough to show the harness forms a cluster,
 * times a broadcast and counts messages. The full race (ScaleCube, JGroups) is run by hand; see
 * docs/benchmarks.md.
 */
class RaceMainTest {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void fiveOfOurNodesDeliverEveryRunInBothModes() throws Exception {
        long seed = 42;
        for (DisseminationConfig.Mode mode : DisseminationConfig.Mode.values()) {
            RaceResult result =
                    RaceMain.race((recorder, n) -> new GossipRaceCluster(recorder, seed, false, mode), 5, 2, seed);
            assertThat(result.incomplete())
                    .as("incomplete runs, %s, seed %d", mode, seed)
                    .isZero();
            assertThat(result.deliveries()).isEqualTo(2 * 4);
            assertThat(result.messagesPerDelivery()).isGreaterThanOrEqualTo(1.0);
            assertThat(result.system()).isEqualTo("gossip (" + mode.label() + ")");
        }
    }

    @Test
    void theDefaultsRaceBothModesAtTenAndFifty() {
        RaceMain.Options options = RaceMain.Options.parse();
        assertThat(options.sizes()).containsExactly(10, 50);
        assertThat(options.systems()).containsExactly("gossip-flood", "gossip-tree", "jgroups", "scalecube-default");
        assertThat(options.runs()).isEqualTo(10);
    }

    @Test
    void badOptionsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> RaceMain.Options.parse("--rounds", "1"))
                .hasMessageStartingWith("unknown option --rounds");
        assertThatThrownBy(() -> RaceMain.Options.parse("--runs", "x")).hasMessage("--runs: not a number: 'x'");
        assertThatThrownBy(() -> RaceMain.Options.parse("--systems", "gossip,etcd"))
                .hasMessageStartingWith("--systems: unknown system 'etcd'");
        assertThatThrownBy(() -> RaceMain.Options.parse("--nodes", "1")).hasMessageStartingWith("--nodes must be");
    }
}
