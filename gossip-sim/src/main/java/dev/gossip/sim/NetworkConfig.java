package dev.gossip.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * The simulated network: every datagram independently takes a latency drawn uniformly from
 * {@code [minLatency, maxLatency]} and is lost with probability {@code lossRate}, both drawn from
 * the simulation's seeded network generator. Immutable; validated on construction.
 *
 * <p>Datagrams are not ordered: two sent one after the other may arrive in either order when the
 * latency varies, as over UDP.
 *
 * @param minLatency the shortest one-way latency, zero or more; default {@value #DEFAULT_LATENCY_MILLIS} ms
 * @param maxLatency the longest one-way latency, at least {@code minLatency}; default
 *     {@value #DEFAULT_LATENCY_MILLIS} ms
 * @param lossRate the probability that a datagram is lost, 0 (default) to below 1
 */
public record NetworkConfig(Duration minLatency, Duration maxLatency, double lossRate) {

    /** Default latency (both bounds), in milliseconds. */
    public static final long DEFAULT_LATENCY_MILLIS = 1;

    /**
     * Validates every component.
     *
     * @throws NullPointerException if a latency is {@code null}
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public NetworkConfig {
        Objects.requireNonNull(minLatency, "minLatency");
        Objects.requireNonNull(maxLatency, "maxLatency");
        if (minLatency.isNegative()) {
            throw new IllegalArgumentException("minLatency must not be negative, was " + minLatency);
        }
        if (maxLatency.compareTo(minLatency) < 0) {
            throw new IllegalArgumentException(
                    "maxLatency must be at least minLatency (" + minLatency + "), was " + maxLatency);
        }
        if (!(lossRate >= 0 && lossRate < 1)) {
            throw new IllegalArgumentException("lossRate must be in [0, 1), was " + lossRate);
        }
    }

    /** @return a lossless network with a fixed latency of {@value #DEFAULT_LATENCY_MILLIS} ms */
    public static NetworkConfig lossless() {
        return builder().build();
    }

    /**
     * @return whether nothing is lost and every datagram takes the same latency: then a flood's
     *     copies arrive in the order a breadth-first pass visits them ({@link ReachGraph})
     */
    boolean isLosslessFixedLatency() {
        return lossRate == 0 && minLatency.equals(maxLatency);
    }

    /** @return a builder with every default (the lossless network) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        return new Builder().latency(minLatency, maxLatency).lossRate(lossRate);
    }

    /** Builds a {@link NetworkConfig}; every setter returns {@code this}. Not thread-safe. */
    public static final class Builder {
        private Duration minLatency = Duration.ofMillis(DEFAULT_LATENCY_MILLIS);
        private Duration maxLatency = Duration.ofMillis(DEFAULT_LATENCY_MILLIS);
        private double lossRate;

        private Builder() {}

        /**
         * @param min see {@link NetworkConfig#minLatency()}
         * @param max see {@link NetworkConfig#maxLatency()}
         * @return this
         */
        public Builder latency(Duration min, Duration max) {
            this.minLatency = Objects.requireNonNull(min, "minLatency");
            this.maxLatency = Objects.requireNonNull(max, "maxLatency");
            return this;
        }

        /** @param rate see {@link NetworkConfig#lossRate()} @return this */
        public Builder lossRate(double rate) {
            this.lossRate = rate;
            return this;
        }

        /** @return the validated config */
        public NetworkConfig build() {
            return new NetworkConfig(minLatency, maxLatency, lossRate);
        }
    }
}
