package dev.gossip.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Checks that the dedup benchmarks measure what they say: hits hit, misses miss, inserts
 * are new (each JMH benchmark gets its own state, so inserts never evict the hit probes there). */
class SeenMessagesBenchmarkTest {

    @Test
    void probesHitMissAndInsertAsNamed() {
        SeenMessagesBenchmark benchmark = new SeenMessagesBenchmark();
        benchmark.history = 1024;
        benchmark.setup();
        for (int i = 0; i < 100; i++) {
            assertThat(benchmark.lookupHit()).isTrue();
            assertThat(benchmark.lookupMiss()).isFalse();
        }
        for (int i = 0; i < 100; i++) {
            assertThat(benchmark.insertNew()).isTrue();
        }
    }
}
