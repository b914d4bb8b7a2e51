package dev.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.DisseminationConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Parallel trials: the CSV is the same for any thread count, and trial ranges partition a run
 * (what lets a cluster's batch jobs split one experiment).
 */
@Timeout(300)
class ThreadsTest {

    private static final long SEED = 3;

    private static ReliabilityConfig.Builder reliability() {
        return ReliabilityConfig.builder()
                .nodes(600)
                .cs(List.of(0, 2))
                .fails(List.of(0.0, 0.3, 0.5))
                .trials(8)
                .patterns(2)
                .seed(SEED);
    }

    @Test
    void reliabilityCsvIsTheSameWithOneTwoAndFourThreads() {
        List<String> csv = new ArrayList<>();
        for (int threads : List.of(1, 2, 4)) {
            csv.add(RowWriter.toString(
                    Experiments.reliability(reliability().threads(threads).build(), Progress.none()),
                    RowWriter.Format.CSV));
        }
        assertThat(csv.get(0))
                .as("seed %d", SEED)
                .contains("scamp,600,2,0.3000,8,")
                .contains("global,600,0,0.5000,8,");
        assertThat(csv.get(1)).as("seed %d, 2 threads", SEED).isEqualTo(csv.get(0));
        assertThat(csv.get(2)).as("seed %d, 4 threads", SEED).isEqualTo(csv.get(0));
    }

    @Test
    void treeAndLossyFloodRowsAreTheSameWithOneAndTwoThreads() {
        ReliabilityConfig.Builder lossy = reliability()
                .cs(List.of(1))
                .trials(4)
                .warmup(2)
                .protocols(List.of(ReliabilityConfig.SCAMP))
                .disseminations(List.of(DisseminationConfig.Mode.FLOOD, DisseminationConfig.Mode.TREE))
                .gossipNetwork(NetworkConfig.builder().lossRate(0.02).build());
        List<ReliabilityRow> one = Experiments.reliability(lossy.threads(1).build(), Progress.none());
        List<ReliabilityRow> two = Experiments.reliability(lossy.threads(2).build(), Progress.none());
        assertThat(two).as("seed %d", SEED).isEqualTo(one);
    }

    @Test
    void viewsRowsAreTheSameWithOneAndTwoThreads() {
        ViewsConfig.Builder views = ViewsConfig.builder()
                .nodes(List.of(300, 600))
                .cs(List.of(1, 2))
                .runs(3)
                .seed(SEED);
        List<ViewsRow> one = Experiments.views(views.threads(1).build(), Progress.none());
        List<ViewsRow> two = Experiments.views(views.threads(2).build(), Progress.none());
        assertThat(two).as("seed %d", SEED).isEqualTo(one);
    }

    @Test
    void churnRunsPerSeedAreTheSameWithOneAndTwoThreadsAndAsAlone() {
        ChurnConfig.Builder churn = ChurnConfig.builder()
                .nodes(150)
                .duration(java.time.Duration.ofSeconds(40))
                .sampleInterval(java.time.Duration.ofSeconds(20))
                .churnPerMinute(0.1);
        List<ChurnConfig> configs =
                List.of(churn.seed(SEED).build(), churn.seed(SEED + 1).build());
        List<ChurnRow> one = Experiments.churn(configs, Experiments.defaultMembership(), Progress.none(), 1);
        List<ChurnRow> two = Experiments.churn(configs, Experiments.defaultMembership(), Progress.none(), 2);
        assertThat(two).as("seeds %d, %d", SEED, SEED + 1).isEqualTo(one);
        assertThat(one)
                .hasSize(6)
                .extracting(ChurnRow::seed)
                .containsExactly(SEED, SEED, SEED, SEED + 1, SEED + 1, SEED + 1);
        assertThat(one.subList(3, 6)).isEqualTo(Experiments.churn(configs.get(1), Progress.none()));
    }

    @Test
    void trialRangesPartitionARun() {
        List<ReliabilityRow> whole =
                Experiments.reliability(reliability().threads(2).build(), Progress.none());
        List<ReliabilityRow> first =
                Experiments.reliability(reliability().trials(4).threads(1).build(), Progress.none());
        List<ReliabilityRow> second = Experiments.reliability(
                reliability().trials(4).firstTrial(4).threads(1).build(), Progress.none());
        assertThat(whole).hasSameSizeAs(first).hasSameSizeAs(second);
        for (int i = 0; i < whole.size(); i++) {
            ReliabilityRow w = whole.get(i);
            ReliabilityRow a = first.get(i);
            ReliabilityRow b = second.get(i);
            String what = "seed " + SEED + " row " + w;
            assertThat(a.trials() + b.trials()).as(what).isEqualTo(w.trials());
            assertThat(a.overlays() + b.overlays()).as(what).isEqualTo(w.overlays());
            assertThat(Math.round(a.pAllReached() * a.trials() + b.pAllReached() * b.trials()))
                    .as(what)
                    .isEqualTo(Math.round(w.pAllReached() * w.trials()));
            assertThat((a.meanFracReached() * a.trials() + b.meanFracReached() * b.trials()) / w.trials())
                    .as(what)
                    .isCloseTo(w.meanFracReached(), org.assertj.core.data.Offset.offset(1e-12));
            assertThat((a.msgsPerNode() * a.trials() + b.msgsPerNode() * b.trials()) / w.trials())
                    .as(what)
                    .isCloseTo(w.msgsPerNode(), org.assertj.core.data.Offset.offset(1e-9));
        }
    }
}
