package dev.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The churn experiment's mechanics: samples, population, determinism. */
class ChurnExperimentTest {

    private static final ChurnConfig CONFIG = ChurnConfig.builder()
            .nodes(300)
            .duration(Duration.ofMinutes(2))
            .sampleInterval(Duration.ofSeconds(20))
            .churnPerMinute(0.1)
            .seed(3)
            .build();

    @Test
    void samplesAtEveryIntervalKeepingThePopulation() {
        List<ChurnRow> rows = Experiments.churn(CONFIG, Progress.none());
        assertThat(rows).hasSize(7);
        assertThat(rows).extracting(ChurnRow::timeS).containsExactly(0.0, 20.0, 40.0, 60.0, 80.0, 100.0, 120.0);
        assertThat(rows).allSatisfy(row -> assertThat(row.up()).isEqualTo(300));
        ChurnRow first = rows.get(0);
        assertThat(first.asymmetric()).isZero();
        assertThat(first.dangling()).isZero();
        assertThat(first.connected()).isTrue();
        assertThat(first.fracReached()).isEqualTo(1.0);
        ChurnRow last = rows.get(rows.size() - 1);
        // about 0.1 x 300 x 2 = 60 departures, each replaced by a join
        assertThat(last.departures()).isBetween(35L, 90L).isEqualTo(last.joins());
        assertThat(Experiments.churn(CONFIG, Progress.none())).isEqualTo(rows);
    }
}
