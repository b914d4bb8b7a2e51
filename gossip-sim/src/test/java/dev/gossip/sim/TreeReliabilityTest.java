package dev.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gossip.DisseminationConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reliability experiment with the tree: paired with the flood, deterministic. */
@Timeout(120)
class TreeReliabilityTest {

    @Test
    void floodRowsAreTheSameWithOrWithoutTheTreeAndTheTreeRowsReachAsFar() {
        ReliabilityConfig.Builder config = ReliabilityConfig.builder()
                .nodes(300)
                .cs(List.of(1))
                .trials(3)
                .fails(List.of(0.0, 0.3))
                .protocols(List.of(ReliabilityConfig.SCAMP))
                .seed(4)
                .warmup(5);
        List<ReliabilityRow> flood = Experiments.reliability(config.build(), Progress.none());
        List<ReliabilityRow> both = Experiments.reliability(
                config.disseminations(List.of(DisseminationConfig.Mode.FLOOD, DisseminationConfig.Mode.TREE))
                        .build(),
                Progress.none());
        List<ReliabilityRow> again = Experiments.reliability(config.build(), Progress.none());
        assertThat(both.subList(0, 2)).isEqualTo(flood);
        assertThat(again).isEqualTo(both);
        for (int f = 0; f < 2; f++) {
            ReliabilityRow byFlood = both.get(f);
            ReliabilityRow byTree = both.get(2 + f);
            assertThat(byFlood.dissemination()).isEqualTo("flood");
            assertThat(byFlood.controlMsgsPerNode()).isZero();
            assertThat(byFlood.payloadMsgsPerNode()).isEqualTo(byFlood.msgsPerNode());
            assertThat(byTree.dissemination()).isEqualTo("tree");
            assertThat(byTree.pAllReached())
                    .as("seed 4 fail %s", byTree.fail())
                    .isGreaterThanOrEqualTo(byFlood.pAllReached());
            assertThat(byTree.meanFracReached())
                    .as("seed 4 fail %s", byTree.fail())
                    .isGreaterThanOrEqualTo(byFlood.meanFracReached());
            assertThat(byTree.msgsPerNode())
                    .isCloseTo(byTree.payloadMsgsPerNode() + byTree.controlMsgsPerNode(), within(1e-9));
        }
        assertThat(both.get(2).payloadMsgsPerNode()).as("seed 4, fail 0").isLessThan(1.0);
    }
}
