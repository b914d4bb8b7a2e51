package dev.gossip.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/** Runs each codec benchmark method once, untimed, so that {@code mvn verify} catches breakage. */
class CodecBenchmarkTest {

    @Test
    void everyBenchmarkEncodesOrDecodesTheFrameItNames() {
        CodecBenchmark benchmark = new CodecBenchmark();
        benchmark.payloadBytes = 64;
        benchmark.membershipNodes = 8;
        benchmark.setup();
        int copied = benchmark.copyBaseline().position();
        assertThat(benchmark.encodeGossip().position()).isEqualTo(copied);
        assertThat(benchmark.encodeForward().position()).isEqualTo(copied);
        benchmark.decodeGossip(new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous."));
        assertThat(benchmark.lastGossip().hops()).isEqualTo(3);
        assertThat(benchmark.encodeMembership().position()).isPositive();
        assertThat(benchmark.decodeMembership().nodes()).hasSize(8);
    }
}
