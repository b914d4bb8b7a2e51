package dev.gossip;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the membership protocol (SCAMP by default). Immutable; validated on construction.
 *
 * <p>SCAMP builds partial views whose mean size tends to {@code (c+1)·ln n} for {@code n} nodes,
 * without any node knowing {@code n}: about 7 at {@code n = 30} and {@code c = 1}, 28 at
 * {@code n = 10^6}. Flooding a message over partial views then reaches every node with high
 * probability; {@code c} buys tolerance of failures at the price of {@code c+1} times the traffic.
 *
 * @param c redundancy: a contact forwards {@code c} extra copies of each new subscription, so the
 *     views grow to {@code (c+1)·ln n}. 0 to {@value #MAX_C}; default {@value #DEFAULT_C}. Raise it
 *     when many nodes may fail at once: the probability that a broadcast reaches all survivors after
 *     a fraction {@code f} of nodes crash falls as {@code f} approaches {@code c/(c+1)}.
 * @param heartbeatInterval how often a node sends a heartbeat to each partial-view member. Default
 *     {@value #DEFAULT_HEARTBEAT_MILLIS} ms. Shorter detects isolation sooner at the price of
 *     {@code |PV|} datagrams per interval per node.
 * @param isolationTimeout how long a joined node may hear no heartbeat before it considers itself
 *     isolated and resubscribes. Must be at least two heartbeat intervals. Default
 *     {@value #DEFAULT_ISOLATION_MILLIS} ms.
 * @param forwardHopFactor loop guard of forwarded subscriptions: a copy is dropped (and counted) at a
 *     node once it has travelled {@code forwardHopFactor · (1 + d)} hops, {@code d} being that
 *     node's degree, the larger of its partial-view and InView sizes (a node that has just joined
 *     has a partial view of one but an InView of typical size); a copy past half that budget is
 *     kept by the first node able to keep it. Each node that does not yet hold the subscriber keeps
 *     the copy with probability {@code 1/(1+|PV|)}, so a copy that some node can keep is lost only
 *     with probability about {@code e^-forwardHopFactor} (4.5·10^-5 at the default {@value
 *     #DEFAULT_FORWARD_HOP_FACTOR}), while a copy nobody can keep (every node already holds the
 *     subscriber, as in the first joins of a tiny cluster) dies after a few dozen hops instead of
 *     wandering forever. 1 to 1,000.
 * @param lease lifetime of a subscription (paper §3.2), or {@link Duration#ZERO} for none (the
 *     default). With a lease, each node renews its in-links at intervals drawn uniformly from
 *     {@code [lease/2, 3·lease/2]}: it tells the nodes holding it to restart their clocks, asks one
 *     of its partial-view members to re-issue as many forwarded subscriptions, and releases one old
 *     in-link each time a new holder keeps a copy (retrying through another member if none is kept
 *     within the isolation timeout). That keeps the number of links constant, also under churn
 *     (resubscribing in full, as commonly done, makes views grow until the graph is nearly
 *     complete; releasing first loses the links whose copies die at crashed nodes). A node drops a
 *     partial-view entry not renewed for {@code 2·lease}, so a crashed node is forgotten after at
 *     most two leases. Shorter leases forget crashed nodes sooner and reshuffle views more often,
 *     at the price of about {@code 4·|InView|} messages per renewal plus the copies' walks (about
 *     {@code |PV|} hops each). Zero or at least {@code isolationTimeout}.
 * @param indirectionWalk indirection (paper §3.1): if positive, a first subscription does not stop
 *     at the node it is sent to but travels a random walk of {@code max(indirectionWalk, |PV|)}
 *     steps, {@code |PV|} being the first node's partial-view size (about {@code (c+1)·ln n}, so the
 *     walk grows with the cluster without anyone knowing {@code n}); the walk is corrected to end at
 *     a uniformly random node, which acts as contact. Without it, nodes that all join through one
 *     seed make the graph nearly complete (measured at 200 nodes, c = 1: mean view 98, 23,000
 *     messages a join), since the seed's view then holds every node. The floor matters: a walk only
 *     as long as a young node's small view stays near it and ends at small views, so with a floor
 *     of 1 the views came out 13% under the join invariant with random contacts and 6% over it
 *     through one seed (10,000 nodes, c = 1); with the default floor of {@value
 *     #DEFAULT_INDIRECTION_WALK} both are within 2-3% of it. On by default because applications
 *     join through a few well-known seeds; 0 turns it off (the paper's simulations, which pick
 *     uniformly random contacts); 0 to {@value #MAX_INDIRECTION_WALK}.
 */
public record MembershipConfig(
        int c,
        Duration heartbeatInterval,
        Duration isolationTimeout,
        int forwardHopFactor,
        Duration lease,
        int indirectionWalk) {

    /** Default {@link #c()}. */
    public static final int DEFAULT_C = 1;
    /** Largest {@link #c()}. */
    public static final int MAX_C = 64;
    /** Default {@link #heartbeatInterval()}, in milliseconds. */
    public static final long DEFAULT_HEARTBEAT_MILLIS = 1_000;
    /** Default {@link #isolationTimeout()}, in milliseconds. */
    public static final long DEFAULT_ISOLATION_MILLIS = 5_000;
    /** Default {@link #forwardHopFactor()}. */
    public static final int DEFAULT_FORWARD_HOP_FACTOR = 10;
    /**
     * Default {@link #indirectionWalk()}: on, walks of at least 20 steps (longer when the first
     * node's view is larger).
     */
    public static final int DEFAULT_INDIRECTION_WALK = 20;
    /** Largest {@link #indirectionWalk()}. */
    public static final int MAX_INDIRECTION_WALK = 255;

    /**
     * Validates every component.
     *
     * @param c see {@link #c()}
     * @param heartbeatInterval see {@link #heartbeatInterval()}
     * @param isolationTimeout see {@link #isolationTimeout()}
     * @param forwardHopFactor see {@link #forwardHopFactor()}
     * @param lease see {@link #lease()}
     * @param indirectionWalk see {@link #indirectionWalk()}
     * @throws NullPointerException if a duration is {@code null}
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public MembershipConfig {
        Checks.range("c", c, 0, MAX_C);
        Checks.positive("heartbeatInterval", heartbeatInterval);
        Checks.positive("isolationTimeout", isolationTimeout);
        if (isolationTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("isolationTimeout must be at least 2 x heartbeatInterval ("
                    + heartbeatInterval.multipliedBy(2) + "), was " + isolationTimeout);
        }
        Checks.range("forwardHopFactor", forwardHopFactor, 1, 1_000);
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || !lease.isZero() && lease.compareTo(isolationTimeout) < 0) {
            throw new IllegalArgumentException(
                    "lease must be zero or at least isolationTimeout (" + isolationTimeout + "), was " + lease);
        }
        Checks.range("indirectionWalk", indirectionWalk, 0, MAX_INDIRECTION_WALK);
    }

    /**
     * The settings with lease and indirection both off (the paper's plain protocol).
     *
     * @param c see {@link #c()}
     * @param heartbeatInterval see {@link #heartbeatInterval()}
     * @param isolationTimeout see {@link #isolationTimeout()}
     * @param forwardHopFactor see {@link #forwardHopFactor()}
     */
    public MembershipConfig(int c, Duration heartbeatInterval, Duration isolationTimeout, int forwardHopFactor) {
        this(c, heartbeatInterval, isolationTimeout, forwardHopFactor, Duration.ZERO, 0);
    }

    /** @return the defaults, suited to a LAN */
    public static MembershipConfig defaults() {
        return builder().build();
    }

    /**
     * The expected mean partial-view size {@code (c+1)·ln n} for {@code n} nodes.
     *
     * @param n the number of nodes, at least 1
     * @return {@code (c+1)·ln n}
     */
    public double expectedViewSize(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        return (c + 1) * Math.log(n);
    }

    /** @return a builder with every default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        return new Builder()
                .c(c)
                .heartbeatInterval(heartbeatInterval)
                .isolationTimeout(isolationTimeout)
                .forwardHopFactor(forwardHopFactor)
                .lease(lease)
                .indirectionWalk(indirectionWalk);
    }

    /** Builds a {@link MembershipConfig}; every setter returns {@code this}. Not thread-safe. */
    public static final class Builder {
        private int c = DEFAULT_C;
        private Duration heartbeatInterval = Duration.ofMillis(DEFAULT_HEARTBEAT_MILLIS);
        private Duration isolationTimeout = Duration.ofMillis(DEFAULT_ISOLATION_MILLIS);
        private int forwardHopFactor = DEFAULT_FORWARD_HOP_FACTOR;
        private Duration lease = Duration.ZERO;
        private int indirectionWalk = DEFAULT_INDIRECTION_WALK;

        private Builder() {}

        /**
         * @param c see {@link MembershipConfig#c()}
         * @return this
         */
        public Builder c(int c) {
            this.c = Checks.range("c", c, 0, MAX_C);
            return this;
        }

        /**
         * @param interval see {@link MembershipConfig#heartbeatInterval()}
         * @return this
         */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = Checks.positive("heartbeatInterval", interval);
            return this;
        }

        /**
         * @param timeout see {@link MembershipConfig#isolationTimeout()}
         * @return this
         */
        public Builder isolationTimeout(Duration timeout) {
            this.isolationTimeout = Checks.positive("isolationTimeout", timeout);
            return this;
        }

        /**
         * @param factor see {@link MembershipConfig#forwardHopFactor()}
         * @return this
         */
        public Builder forwardHopFactor(int factor) {
            this.forwardHopFactor = Checks.range("forwardHopFactor", factor, 1, 1_000);
            return this;
        }

        /**
         * @param lease see {@link MembershipConfig#lease()}; {@link Duration#ZERO} for none
         * @return this
         */
        public Builder lease(Duration lease) {
            Objects.requireNonNull(lease, "lease");
            if (lease.isNegative()) {
                throw new IllegalArgumentException("lease must not be negative, was " + lease);
            }
            this.lease = lease;
            return this;
        }

        /**
         * @param hops see {@link MembershipConfig#indirectionWalk()}; 0 for none
         * @return this
         */
        public Builder indirectionWalk(int hops) {
            this.indirectionWalk = Checks.range("indirectionWalk", hops, 0, MAX_INDIRECTION_WALK);
            return this;
        }

        /** @return the validated config */
        public MembershipConfig build() {
            Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
            return new MembershipConfig(
                    c, heartbeatInterval, isolationTimeout, forwardHopFactor, lease, indirectionWalk);
        }
    }
}
