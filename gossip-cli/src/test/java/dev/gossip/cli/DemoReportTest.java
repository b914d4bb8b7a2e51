package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoReportTest {

    @Test
    void deliveryLineHasTwoDecimalsAndNeverRoundsUpTo100() {
        assertThat(DemoReport.deliveryLine(980, 980)).isEqualTo("delivery: 980/980 (100.00%)");
        assertThat(DemoReport.deliveryLine(19_999, 20_000)).isEqualTo("delivery: 19999/20000 (99.99%)");
        assertThat(DemoReport.deliveryLine(1, 3)).isEqualTo("delivery: 1/3 (33.33%)");
        assertThat(DemoReport.deliveryLine(0, 10)).isEqualTo("delivery: 0/10 (0.00%)");
    }

    @Test
    void percentileIsNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(DemoReport.percentile(sorted, 50)).isEqualTo(50);
        assertThat(DemoReport.percentile(sorted, 90)).isEqualTo(90);
        assertThat(DemoReport.percentile(sorted, 99)).isEqualTo(99);
        assertThat(DemoReport.percentile(sorted, 100)).isEqualTo(100);
        assertThat(DemoReport.percentile(new long[] {7}, 99)).isEqualTo(7);
        assertThat(DemoReport.percentile(new long[] {1, 2, 3}, 50)).isEqualTo(2);
    }

    @Test
    void nonZeroListsOnlyCountersThatMoved() {
        java.util.SortedMap<String, Long> counters =
                new java.util.TreeMap<>(java.util.Map.of("b", 2L, "a", 0L, "c", 5L));
        assertThat(DemoReport.nonZero(counters)).isEqualTo("b 2, c 5");
        assertThat(DemoReport.nonZero(java.util.Map.of("a", 0L))).isEqualTo("none");
    }
}
