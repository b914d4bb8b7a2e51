package dev.gossip.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.infra.Blackhole;

/** Runs each benchmark method a few times, untimed, so that {@code mvn verify} catches breakage. */
class HotPathBenchmarkTest {

    private static Blackhole blackhole() {
        return new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"flood", "tree"})
    void receiveAndForwardDeliversEachFreshIdOnceAndForwardsToTheWholeView(String dissemination) {
        HotPathBenchmark benchmark = new HotPathBenchmark();
        benchmark.dissemination = dissemination;
        benchmark.viewSize = 8;
        benchmark.payloadBytes = 64;
        benchmark.setup(blackhole());
        for (int i = 0; i < 3; i++) {
            assertThat(benchmark.receiveAndForward()).isNotNull();
        }
        assertThat(benchmark.delivered()).isEqualTo(3);
        assertThat(benchmark.forwarded()).isEqualTo(3 * 8);
        assertThat(benchmark.dropped()).isZero();
    }

    @Test
    void baselineSeesEveryIdAsNew() {
        HotPathBenchmark benchmark = new HotPathBenchmark();
        benchmark.dissemination = "flood";
        benchmark.viewSize = 8;
        benchmark.payloadBytes = 64;
        Blackhole blackhole = blackhole();
        benchmark.setup(blackhole);
        for (int i = 0; i < 3; i++) {
            assertThat(benchmark.baseline(blackhole)).isTrue();
        }
    }
}
