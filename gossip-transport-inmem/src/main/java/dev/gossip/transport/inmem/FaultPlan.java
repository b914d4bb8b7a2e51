package dev.gossip.transport.inmem;

import dev.gossip.Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The link faults an {@link InMemoryNetwork} injects, consulted once for each datagram sent:
 * network-wide and per-link {@link LinkFaults} (loss, delay and jitter, duplication, reordering),
 * symmetric partitions and one-way cuts. Immutable; install one with
 * {@link InMemoryNetwork#setFaultPlan(FaultPlan)}. Node faults (crash, pause, restart) are not
 * part of a plan: they are actions on the network, see {@link InMemoryNetwork#crash}.
 *
 * <pre>{@code
 * InMemoryNetwork network = InMemoryNetwork.create();
 * // ... start nodes a, b, c, d on it ...
 * network.setFaultPlan(FaultPlan.builder(42)
 *         .loss(0.1)                                             // every link
 *         .delay(Duration.ofMillis(2), Duration.ofMillis(3))     // 2 to 5 ms
 *         .duplicate(0.01)
 *         .link(a, b, LinkFaults.loss(0.5))                      // a to b only, on top
 *         .partition(Set.of(c))                                  // c cut off both ways
 *         .cut(Set.of(d), Set.of(a))                             // d cannot reach a; a reaches d
 *         .build());
 * // later: heal the partitions, keep the rest
 * network.setFaultPlan(network.faultPlan().toBuilder().heal().build());
 * }</pre>
 *
 * <p><b>Determinism.</b> The network draws from a random generator seeded with {@link #seed()}
 * when the plan is installed, in the order datagrams are sent, and only for faults that are set
 * (see {@link LinkFaults#decide}). The same plan, installed before the same sequence of sends,
 * therefore gives every datagram the same fate. With several threads sending, "the same sequence"
 * is the order in which the sends reach the network; delays are real time, so what a node does
 * in reaction to a delayed datagram may still vary with scheduling.
 *
 * <p><b>Partitions.</b> Each {@link Builder#partition(Collection)} puts the given addresses on a
 * new side; every address not named is on a common remaining side. Datagrams between different
 * sides are dropped both ways. {@link Builder#cut(Collection, Collection)} drops one direction only.
 */
public final class FaultPlan {

    /** No faults: every datagram is delivered at once if its destination exists. */
    public static final FaultPlan NONE = builder(0).build();

    private final long seed;
    private final LinkFaults defaults;
    private final Map<Address, Map<Address, LinkFaults>> links; // raw per-link faults
    private final Map<Address, Map<Address, LinkFaults>> combined; // defaults.and(link)
    private final Map<Address, Integer> sides;
    private final List<Cut> cuts;

    private record Cut(Set<Address> from, Set<Address> to) {}

    private FaultPlan(Builder builder) {
        this.seed = builder.seed;
        this.defaults = builder.defaults;
        Map<Address, Map<Address, LinkFaults>> raw = new HashMap<>();
        Map<Address, Map<Address, LinkFaults>> both = new HashMap<>();
        builder.links.forEach((from, row) -> {
            raw.put(from, Map.copyOf(row));
            Map<Address, LinkFaults> sum = new HashMap<>();
            row.forEach((to, faults) -> sum.put(to, defaults.and(faults)));
            both.put(from, Map.copyOf(sum));
        });
        this.links = Map.copyOf(raw);
        this.combined = Map.copyOf(both);
        this.sides = Map.copyOf(builder.sides);
        this.cuts = List.copyOf(builder.cuts);
    }

    /**
     * Starts a plan.
     *
     * @param seed seeds the random draws
     * @return a builder with no faults
     */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    /** @return a builder holding this plan's seed and faults */
    public Builder toBuilder() {
        Builder builder = new Builder(seed).defaults(defaults);
        links.forEach((from, row) -> row.forEach((to, faults) -> builder.link(from, to, faults)));
        builder.sides.putAll(sides);
        builder.cuts.addAll(cuts);
        return builder;
    }

    /** @return the seed of the random draws */
    public long seed() {
        return seed;
    }

    /** @return the faults on every link */
    public LinkFaults defaults() {
        return defaults;
    }

    /** @return {@code true} if this plan delivers every datagram at once, exactly once */
    public boolean isEmpty() {
        return defaults.isNone() && links.isEmpty() && sides.isEmpty() && cuts.isEmpty();
    }

    /**
     * The faults on one directed link: the network-wide faults combined with the link's own
     * ({@link LinkFaults#and}). Partitions are not included; see {@link #partitioned}.
     *
     * @param from the sender
     * @param to the destination
     * @return the faults
     */
    public LinkFaults faults(Address from, Address to) {
        Map<Address, LinkFaults> row = combined.get(from);
        LinkFaults link = row == null ? null : row.get(to);
        return link == null ? defaults : link;
    }

    /**
     * @param from the sender
     * @param to the destination
     * @return the probability, 0 to 1, that a datagram on this link is lost at random
     */
    public double lossProbability(Address from, Address to) {
        return faults(from, to).loss();
    }

    /**
     * @param from the sender
     * @param to the destination
     * @return {@code true} if a partition or a cut drops every datagram from {@code from} to
     *     {@code to}
     */
    public boolean partitioned(Address from, Address to) {
        if (!sides.isEmpty() && !sides.getOrDefault(from, 0).equals(sides.getOrDefault(to, 0))) {
            return true;
        }
        for (Cut cut : cuts) {
            if (cut.from.contains(from) && cut.to.contains(to)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decides the fate of one datagram: {@link Fate#PARTITIONED} without drawing if a partition
     * separates the ends, else {@link #faults(Address, Address)}{@code .decide(random)}. A pure
     * function of the plan, the addresses and the generator's state; the in-memory network and a
     * simulator may both call it.
     *
     * @param from the sender
     * @param to the destination
     * @param random the generator to draw from
     * @return the fate
     */
    public Fate decide(Address from, Address to, RandomGenerator random) {
        if (partitioned(from, to)) {
            return Fate.PARTITIONED;
        }
        return faults(from, to).decide(random);
    }

    @Override
    public String toString() {
        return "FaultPlan[seed=" + seed + ", defaults=" + defaults + ", links=" + links + ", sides=" + sides + ", cuts="
                + cuts + "]";
    }

    /** Builds a {@link FaultPlan}; every setter validates and returns {@code this}. Not thread-safe. */
    public static final class Builder {
        private final long seed;
        private LinkFaults defaults = LinkFaults.NONE;
        private final Map<Address, Map<Address, LinkFaults>> links = new HashMap<>();
        private final Map<Address, Integer> sides = new HashMap<>();
        private final List<Cut> cuts = new ArrayList<>();

        private Builder(long seed) {
            this.seed = seed;
        }

        /**
         * @param faults the faults on every link, replacing earlier network-wide settings
         * @return this
         */
        public Builder defaults(LinkFaults faults) {
            this.defaults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /**
         * @param probability the chance, 0 to 1, that any datagram is lost
         * @return this
         */
        public Builder loss(double probability) {
            defaults = defaults.toBuilder().loss(probability).build();
            return this;
        }

        /**
         * @param delay the fixed one-way delay on every link
         * @param jitter the random extra delay, uniform in {@code [0, jitter)}; jitter reorders
         * @return this
         */
        public Builder delay(Duration delay, Duration jitter) {
            defaults = defaults.toBuilder().delay(delay, jitter).build();
            return this;
        }

        /**
         * @param probability the chance, 0 to 1, that a delivered datagram arrives twice
         * @return this
         */
        public Builder duplicate(double probability) {
            defaults = defaults.toBuilder().duplicate(probability).build();
            return this;
        }

        /**
         * @param probability the chance, 0 to 1, that a datagram is held back
         * @param holdBack how long it is held back, so that later datagrams overtake it
         * @return this
         */
        public Builder reorder(double probability, Duration holdBack) {
            defaults = defaults.toBuilder().reorder(probability, holdBack).build();
            return this;
        }

        /**
         * Sets the faults of one directed link, on top of the network-wide ones
         * ({@link LinkFaults#and}); replaces earlier faults of the same link.
         *
         * @param from the sender
         * @param to the destination
         * @param faults the link's own faults
         * @return this
         */
        public Builder link(Address from, Address to, LinkFaults faults) {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(faults, "faults");
            links.computeIfAbsent(from, k -> new HashMap<>()).put(to, faults);
            return this;
        }

        /**
         * Sets the loss of one directed link, keeping its other faults.
         *
         * @param from the sender
         * @param to the destination; the link is one-way
         * @param probability the chance, 0 to 1, that a datagram on this link is lost, on top of
         *     the network-wide loss; 1 blocks it
         * @return this
         */
        public Builder linkLoss(Address from, Address to, double probability) {
            LinkFaults.probability("linkLoss", probability);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            LinkFaults old = links.getOrDefault(from, Map.of()).getOrDefault(to, LinkFaults.NONE);
            return link(from, to, old.toBuilder().loss(probability).build());
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

        /**
         * An asymmetric partition: drops every datagram from a member of {@code from} to a member of
         * {@code to}; the other direction is untouched.
         *
         * @param from the senders cut off
         * @param to the destinations they cannot reach
         * @return this
         */
        public Builder cut(Collection<? extends Address> from, Collection<? extends Address> to) {
            cuts.add(new Cut(Set.copyOf(from), Set.copyOf(to)));
            return this;
        }

        /**
         * Removes every partition and cut, keeping loss, delay and the other link faults.
         *
         * @return this
         */
        public Builder heal() {
            sides.clear();
            cuts.clear();
            return this;
        }

        /** @return the plan */
        public FaultPlan build() {
            return new FaultPlan(this);
        }
    }
}
