package dev.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several failure patterns per overlay estimate the same all-reached probability as one overlay
 * per trial, within sampling error, at n = 2,000.
 *
 * <p>One overlay per trial: {@code T1} independent trials, standard error {@code sqrt(p(1-p)/T1)}.
 * Ten patterns per overlay: the trials of one overlay are correlated (they share its graph), so the
 * error is taken over overlays: each overlay's own {@code p_all_reached} over its ten patterns (a
 * trial range of ten, run on its own) is one sample, and the standard error is their standard
 * deviation over the square root of their number. Each estimate must lie within three combined
 * standard errors of the other.
 */
@Timeout(1800) // 460 overlays of 2,000 nodes: 3 min on a busy machine, 9 min at a load average of 25 on 2 cores
class PatternsTest {

    private static final long SEED = 2003;
    private static final int N = 2_000;
    private static final int SINGLE_TRIALS = 200;
    private static final int PATTERNS = 10;
    private static final int OVERLAYS = 30;

    private static ReliabilityConfig.Builder config() {
        return ReliabilityConfig.builder()
                .nodes(N)
                .cs(List.of(1, 2))
                .fails(List.of(0.1, 0.2, 0.3, 0.4))
                .protocols(List.of(ReliabilityConfig.SCAMP))
                .seed(SEED)
                .threads(Workers.allCores());
    }

    @Test
    void tenPatternsPerOverlayMatchOneWithinSamplingError() {
        List<ReliabilityRow> single =
                Experiments.reliability(config().trials(SINGLE_TRIALS).build(), Progress.none());
        int rows = single.size();
        double[] sum = new double[rows];
        double[] sumSquares = new double[rows];
        for (int o = 0; o < OVERLAYS; o++) {
            List<ReliabilityRow> overlay = Experiments.reliability(
                    config().trials(PATTERNS)
                            .patterns(PATTERNS)
                            .firstTrial(o * PATTERNS)
                            .build(),
                    Progress.none());
            for (int r = 0; r < rows; r++) {
                double p = overlay.get(r).pAllReached();
                sum[r] += p;
                sumSquares[r] += p * p;
            }
        }
        int informative = 0;
        for (int r = 0; r < rows; r++) {
            ReliabilityRow one = single.get(r);
            double p1 = one.pAllReached();
            double se1 = Math.sqrt(Math.max(p1 * (1 - p1), 0.25 / SINGLE_TRIALS) / SINGLE_TRIALS);
            double p10 = sum[r] / OVERLAYS;
            double var10 = (sumSquares[r] - OVERLAYS * p10 * p10) / (OVERLAYS - 1);
            double se10 = Math.sqrt(Math.max(var10, 0.25 / OVERLAYS) / OVERLAYS);
            double tolerance = 3 * Math.hypot(se1, se10);
            System.out.printf(
                    java.util.Locale.ROOT,
                    "c=%d fail=%.1f: patterns 1 %.3f ± %.3f (%d overlays), patterns %d %.3f ± %.3f (%d overlays)%n",
                    one.c(),
                    one.fail(),
                    p1,
                    se1,
                    SINGLE_TRIALS,
                    PATTERNS,
                    p10,
                    se10,
                    OVERLAYS);
            assertThat(p10)
                    .as("seed %d c=%d fail=%.1f: patterns %d against 1", SEED, one.c(), one.fail(), PATTERNS)
                    .isCloseTo(p1, org.assertj.core.data.Offset.offset(tolerance));
            if (p1 > 0.1 && p1 < 0.9) {
                informative++;
            }
        }
        assertThat(informative)
                .as("seed %d: rows with a probability away from 0 and 1", SEED)
                .isGreaterThanOrEqualTo(3);
    }
}
