package dev.gossip.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Opens each sender/receiver pair of the throughput benchmark and sends a few datagrams through it. */
class UdpThroughputBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"raw", "transport", "node"})
    void eachPathOpensSendsAndCloses(String path) {
        UdpThroughputBenchmark benchmark = new UdpThroughputBenchmark();
        benchmark.path = path;
        benchmark.payloadBytes = 512;
        try {
            benchmark.setup();
            UdpThroughputBenchmark.Counters counters = new UdpThroughputBenchmark.Counters();
            counters.mark(benchmark);
            for (int i = 0; i < 10; i++) {
                assertThat(benchmark.send(counters))
                        .as("send %d on %s", i, path)
                        .isTrue();
            }
        } catch (Exception e) {
            throw new AssertionError(path + ": " + e, e);
        } finally {
            benchmark.tearDown();
        }
    }
}
