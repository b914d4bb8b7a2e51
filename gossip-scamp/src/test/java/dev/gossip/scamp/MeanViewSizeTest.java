package dev.gossip.scamp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.MembershipConfig;
import dev.gossip.testkit.MembershipHarness;
import org.junit.jupiter.api.Test;

/**
 * The mean partial view after {@code n} joins through uniformly random contacts is {@code 1 +
 * (c+1)(H_n - 3/2) ≈ (c+1)(ln n + 0.5772 - 1.5) + 1}; the mean depends on the join order, so the
 * test averages a few seeds.
 */
class MeanViewSizeTest {

    @Test
    void meanPartialViewAtAThousandNodesMatchesTheJoinInvariant() {
        int n = 1_000;
        int c = 1;
        long[] seeds = {1, 2, 3, 4, 5, 6};
        double sum = 0;
        StringBuilder means = new StringBuilder();
        for (long seed : seeds) {
            MembershipHarness harness = new MembershipHarness(
                    new ScampMembershipProvider(),
                    MembershipConfig.builder().c(c).build(),
                    seed);
            for (int i = 0; i < n; i++) {
                harness.addAndJoin();
            }
            double mean = harness.meanPartialViewSize();
            means.append(String.format(" seed %d: %.2f", seed, mean));
            sum += mean;
        }
        double expected = (c + 1) * (Math.log(n) + 0.5772 - 1.5) + 1;
        double average = sum / seeds.length;
        assertThat(average).as("mean PV (expected %.2f):%s", expected, means).isBetween(expected * 0.9, expected * 1.1);
    }
}
