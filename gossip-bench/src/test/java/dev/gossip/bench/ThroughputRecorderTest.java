package dev.gossip.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ThroughputRecorderTest {

    private static ByteBuffer message(int step, int sender, int seq) {
        return ByteBuffer.wrap(ThroughputRecorder.payload(new byte[64], step, sender, seq, System.nanoTime()));
    }

    @Test
    void countsEachMessageOncePerMemberAndNeverAtItsSender() {
        ThroughputRecorder recorder = new ThroughputRecorder();
        recorder.begin(3, 4, new int[] {0, 2}, 10);
        recorder.delivered(1, message(3, 0, 5));
        recorder.delivered(1, message(3, 0, 5)); // again at the same member
        recorder.delivered(2, message(3, 0, 5));
        recorder.delivered(0, message(3, 0, 5)); // at its sender
        recorder.delivered(1, message(2, 0, 5)); // another step's
        recorder.delivered(1, message(3, 1, 10)); // beyond the step's sequence numbers
        recorder.delivered(1, ByteBuffer.wrap(RaceRecorder.payload(7))); // not a throughput message
        assertThat(recorder.deliveries()).isEqualTo(2);
        assertThat(recorder.latencyMillis(0.5)).isGreaterThanOrEqualTo(0);

        recorder.close();
        recorder.delivered(3, message(3, 0, 5));
        assertThat(recorder.deliveries()).isEqualTo(2);
    }

    @Test
    void theHistogramReadsPercentilesWithinItsBucketWidth() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long micros = 1; micros <= 1000; micros++) {
            histogram.record(micros * 1_000);
        }
        assertThat(histogram.count()).isEqualTo(1000);
        assertThat(histogram.percentile(0.5)).isCloseTo(500_000, org.assertj.core.data.Percentage.withPercentage(1.6));
        assertThat(histogram.percentile(0.99)).isCloseTo(990_000, org.assertj.core.data.Percentage.withPercentage(1.6));
        assertThat(new LatencyHistogram().percentile(0.5)).isNaN();
        for (long value : new long[] {0, 1, 63, 64, 65, 127, 128, 1_000_003, Long.MAX_VALUE}) {
            int index = LatencyHistogram.index(value);
            assertThat(value)
                    .isBetween(
                            LatencyHistogram.lowerBound(index),
                            LatencyHistogram.lowerBound(index) + LatencyHistogram.width(index) - 1);
        }
    }
}
