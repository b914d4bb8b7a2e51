package dev.gossip.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in nanoseconds, recorded concurrently without locks or allocation: log-linear buckets,
 * 32 per power of two (so a percentile read from it is within 1.6 % of the recorded value), exact
 * below 64 ns.
 */
final class LatencyHistogram {

    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    private static final int EXACT = 2 * SUB;
    private static final int BUCKETS = EXACT + (63 - SUB_BITS) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** @param nanos a latency; a negative one is recorded as 0 */
    void record(long nanos) {
        counts.incrementAndGet(index(Math.max(0, nanos)));
    }

    /** @return how many latencies were recorded */
    long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /**
     * Nearest-rank percentile.
     *
     * @param p in (0, 1]
     * @return the middle of the bucket holding the value of rank {@code ceil(p × count)}, in
     *     nanoseconds; NaN if nothing was recorded
     */
    double percentile(double p) {
        long[] snapshot = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            snapshot[i] = counts.get(i);
            total += snapshot[i];
        }
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return lowerBound(i) + width(i) / 2.0;
            }
        }
        throw new AssertionError("rank " + rank + " beyond " + total);
    }

    static int index(long value) {
        if (value < EXACT) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int sub = (int) (value >>> (exponent - SUB_BITS)) & (SUB - 1);
        return EXACT + (exponent - SUB_BITS - 1) * SUB + sub;
    }

    static long lowerBound(int index) {
        if (index < EXACT) {
            return index;
        }
        int k = index - EXACT;
        int exponent = k / SUB + SUB_BITS + 1;
        return (1L << exponent) | ((long) (k % SUB) << (exponent - SUB_BITS));
    }

    static long width(int index) {
        return index < EXACT ? 1 : 1L << ((index - EXACT) / SUB + 1);
    }
}
