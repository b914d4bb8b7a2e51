package dev.gossip.sim;

import dev.gossip.MembershipConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The churn experiment: a cluster of {@code nodes} nodes (built by sequential joins) runs with
 * heartbeats on for {@code duration} of virtual time while nodes depart and new ones join at
 * {@code churnPerMinute}; every {@code sampleInterval} the experiment measures the views (size,
 * consistency of both ends of each link, links to departed nodes, connectivity) and gossips once
 * from a random live node to see how many it reaches within {@code gossipWindow}.
 *
 * <p>Churn is a Poisson process of rate {@code churnPerMinute · nodes} per minute; each event
 * takes a uniformly random live node away (an unsubscription with probability
 * {@code gracefulFraction}, else a crash) and lets a new node join through a uniformly random live
 * node, so the population stays at {@code nodes}.
 *
 * @param nodes the population, at least 2; default 1,000
 * @param c SCAMP's redundancy parameter; default 1
 * @param duration virtual time churn runs for; default 10 minutes
 * @param sampleInterval time between samples; default 30 s
 * @param churnPerMinute fraction of the population replaced per minute, 0 or more; default 0.05
 * @param gracefulFraction share of departures that unsubscribe ({@code leave()}) rather than crash,
 *     0 to 1; default 0.5
 * @param lease subscription lease ({@link MembershipConfig#lease()}), {@link Duration#ZERO} for none
 *     (default); replaces the lease of {@code membership}. Zero or at least the isolation timeout.
 * @param tickInterval the protocol timer period; default 100 ms
 * @param membership heartbeat interval, isolation timeout, loop guard; its {@code c} is replaced;
 *     default {@link ViewsConfig#EXPERIMENT_MEMBERSHIP} (indirection off)
 * @param network latency and loss during churn (the initial overlay is built losslessly); default
 *     5 to 50 ms, no loss
 * @param gossipWindow how long after each sample's gossip its reach is read; default 5 s
 * @param seed the master seed
 */
public record ChurnConfig(
        int nodes,
        int c,
        Duration duration,
        Duration sampleInterval,
        double churnPerMinute,
        double gracefulFraction,
        Duration lease,
        Duration tickInterval,
        MembershipConfig membership,
        NetworkConfig network,
        Duration gossipWindow,
        long seed) {

    /**
     * Validates every component.
     *
     * @throws NullPointerException if a component is {@code null}
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public ChurnConfig {
        Check.atLeast("nodes", nodes, 2);
        if (c < 0 || c > MembershipConfig.MAX_C) {
            throw new IllegalArgumentException("c must be in 0.." + MembershipConfig.MAX_C + ", was " + c);
        }
        Check.positive("duration", duration);
        Check.positive("sampleInterval", sampleInterval);
        Check.fraction("churnPerMinute", churnPerMinute, Double.POSITIVE_INFINITY);
        Check.fraction("gracefulFraction", gracefulFraction, 1.0000001);
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative()) {
            throw new IllegalArgumentException("lease must not be negative, was " + lease);
        }
        Check.positive("tickInterval", tickInterval);
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(network, "network");
        Check.positive("gossipWindow", gossipWindow);
    }

    /** @return a builder with every default */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ChurnConfig}; every setter returns {@code this}. Not thread-safe. */
    public static final class Builder {
        private int nodes = 1_000;
        private int c = 1;
        private Duration duration = Duration.ofMinutes(10);
        private Duration sampleInterval = Duration.ofSeconds(30);
        private double churnPerMinute = 0.05;
        private double gracefulFraction = 0.5;
        private Duration lease = Duration.ZERO;
        private Duration tickInterval = Duration.ofMillis(100);
        private MembershipConfig membership = ViewsConfig.EXPERIMENT_MEMBERSHIP;
        private NetworkConfig network = NetworkConfig.builder()
                .latency(Duration.ofMillis(5), Duration.ofMillis(50))
                .build();
        private Duration gossipWindow = Duration.ofSeconds(5);
        private long seed = 1;

        private Builder() {}

        /** @param nodes see {@link ChurnConfig#nodes()} @return this */
        public Builder nodes(int nodes) {
            this.nodes = nodes;
            return this;
        }

        /** @param c see {@link ChurnConfig#c()} @return this */
        public Builder c(int c) {
            this.c = c;
            return this;
        }

        /** @param duration see {@link ChurnConfig#duration()} @return this */
        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        /** @param interval see {@link ChurnConfig#sampleInterval()} @return this */
        public Builder sampleInterval(Duration interval) {
            this.sampleInterval = interval;
            return this;
        }

        /** @param rate see {@link ChurnConfig#churnPerMinute()} @return this */
        public Builder churnPerMinute(double rate) {
            this.churnPerMinute = rate;
            return this;
        }

        /** @param fraction see {@link ChurnConfig#gracefulFraction()} @return this */
        public Builder gracefulFraction(double fraction) {
            this.gracefulFraction = fraction;
            return this;
        }

        /** @param lease see {@link ChurnConfig#lease()} @return this */
        public Builder lease(Duration lease) {
            this.lease = lease;
            return this;
        }

        /** @param interval see {@link ChurnConfig#tickInterval()} @return this */
        public Builder tickInterval(Duration interval) {
            this.tickInterval = interval;
            return this;
        }

        /** @param membership see {@link ChurnConfig#membership()} @return this */
        public Builder membership(MembershipConfig membership) {
            this.membership = membership;
            return this;
        }

        /** @param network see {@link ChurnConfig#network()} @return this */
        public Builder network(NetworkConfig network) {
            this.network = network;
            return this;
        }

        /** @param window see {@link ChurnConfig#gossipWindow()} @return this */
        public Builder gossipWindow(Duration window) {
            this.gossipWindow = window;
            return this;
        }

        /** @param seed see {@link ChurnConfig#seed()} @return this */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @return the validated config */
        public ChurnConfig build() {
            return new ChurnConfig(
                    nodes,
                    c,
                    duration,
                    sampleInterval,
                    churnPerMinute,
                    gracefulFraction,
                    lease,
                    tickInterval,
                    membership,
                    network,
                    gossipWindow,
                    seed);
        }
    }
}
