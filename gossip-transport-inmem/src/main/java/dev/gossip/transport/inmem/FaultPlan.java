package dev.gossip.transport.inmem;

import dev.gossip.Address;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The faults an {@link InMemoryNetwork} injects, consulted once for each datagram sent: random loss
 * (network-wide and per directed link) and partitions. Immutable; install one with
 * {@link InMemoryNetwork#setFaultPlan(FaultPlan)}.
 *
 * <p><b>Determinism.</b> The network draws from a random generator seeded with {@link #seed()}
 * when the plan is installed, and draws only for a datagram whose loss probability is above zero.
 * The same plan, installed before the same sequence of sends, therefore drops the same datagrams.
 * (With several threads sending, "the same sequence" is the order in which the sends reach the
 * network.)
 *
 * <p><b>Partitions.</b> Each call to {@link Builder#partition(Collection)} puts the given addresses
 * on a new side; every address not named is on a common remaining side. Datagrams between
 * different sides are dropped both ways.
 *
 * <p>Delay, jitter, duplication and reordering are not modelled yet; they will extend this plan.
 */
public final class FaultPlan {

    /** No faults: every datagram is delivered if its destination exists. */
    public static final FaultPlan NONE = builder(0).build();

    private final long seed;
    private final double loss;
    private final Map<Address, Map<Address, Double>> linkLoss;
    private final Map<Address, Integer> sides;

    private FaultPlan(Builder builder) {
        this.seed = builder.seed;
        this.loss = builder.loss;
        Map<Address, Map<Address, Double>> links = new HashMap<>();
        builder.linkLoss.forEach((from, row) -> links.put(from, Map.copyOf(row)));
        this.linkLoss = Map.copyOf(links);
        this.sides = Map.copyOf(builder.sides);
    }

    /**
     * Starts a plan.
     *
     * @param seed seeds the random draws for loss
     * @return a builder with no faults
     */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    /** @return the seed of the random draws */
    public long seed() {
        return seed;
    }

    /** @return {@code true} if this plan never drops anything */
    public boolean isEmpty() {
        return loss == 0 && linkLoss.isEmpty() && sides.isEmpty();
    }

    /**
     * The probability that a datagram from {@code from} to {@code to} is lost: the network-wide loss
     * and the link's loss applied independently, {@code 1 - (1 - global)(1 - link)}.
     *
     * @param from the sender
     * @param to the destination
     * @return a probability, 0 to 1
     */
    public double lossProbability(Address from, Address to) {
        Map<Address, Double> row = linkLoss.get(from);
        double link = row == null ? 0 : row.getOrDefault(to, 0.0);
        return 1 - (1 - loss) * (1 - link);
    }

    /**
     * @param from the sender
     * @param to the destination
     * @return {@code true} if a partition separates the two
     */
    public boolean partitioned(Address from, Address to) {
        return !sides.isEmpty() && !sides.getOrDefault(from, 0).equals(sides.getOrDefault(to, 0));
    }

    /**
     * Decides the fate of one datagram. Draws from {@code random} only if the loss probability is
     * above zero and no partition already dropped it.
     *
     * @return the cause if it is dropped, {@code null} if it goes on
     */
    DropCause decide(Address from, Address to, RandomGenerator random) {
        if (partitioned(from, to)) {
            return DropCause.PARTITION;
        }
        double p = lossProbability(from, to);
        return p > 0 && random.nextDouble() < p ? DropCause.LOSS : null;
    }

    @Override
    public String toString() {
        return "FaultPlan[seed=" + seed + ", loss=" + loss + ", linkLoss=" + linkLoss + ", sides=" + sides + "]";
    }

    /** Builds a {@link FaultPlan}; every setter returns {@code this}. Not thread-safe. */
    public static final class Builder {
        private final long seed;
        private double loss;
        private final Map<Address, Map<Address, Double>> linkLoss = new HashMap<>();
        private final Map<Address, Integer> sides = new HashMap<>();

        private Builder(long seed) {
            this.seed = seed;
        }

        /**
         * @param probability the chance, 0 to 1, that any datagram is lost
         * @return this
         */
        public Builder loss(double probability) {
            this.loss = probability("loss", probability);
            return this;
        }

        /**
         * @param from the sender
         * @param to the destination; the link is one-way
         * @param probability the chance, 0 to 1, that a datagram on this link is lost; 1 blocks it
         * @return this
         */
        public Builder linkLoss(Address from, Address to, double probability) {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            linkLoss.computeIfAbsent(from, k -> new HashMap<>()).put(to, probability("linkLoss", probability));
            return this;
        }

        /**
         * Puts {@code side} on a side of its own, cut off from every other side both ways.
         *
         * @param side the addresses on that side; none may be on a side already
         * @return this
         * @throws IllegalArgumentException if an address is already on a side
         */
        public Builder partition(Collection<? extends Address> side) {
            int id = sides.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            for (Address address : side) {
                Objects.requireNonNull(address, "address in side");
                if (sides.containsKey(address)) {
                    throw new IllegalArgumentException(address + " is already on a partition side");
                }
            }
            side.forEach(address -> sides.put(address, id));
            return this;
        }

        /** @return the plan */
        public FaultPlan build() {
            return new FaultPlan(this);
        }

        private static double probability(String field, double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(field + " must be in 0..1, was " + p);
            }
            return p;
        }
    }
}
