package dev.gossip.transport.inmem;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The faults on one directed link, or on every link: loss, delay with jitter, duplication and
 * reordering. Immutable. A {@link FaultPlan} holds one for the whole network and may hold more for
 * single links; {@link #and(LinkFaults)} combines them.
 *
 * <p>{@link #decide(RandomGenerator)} is a pure function of this value and the random generator,
 * so a simulator on virtual time can draw the same fates as the in-memory network does in real
 * time:
 * <pre>{@code
 * LinkFaults lossy = LinkFaults.builder().loss(0.1).delay(Duration.ofMillis(5), Duration.ofMillis(2)).build();
 * Fate fate = lossy.decide(random);
 * if (!fate.isDropped()) {
 *     schedule(now + fate.delayNanos(), datagram);
 *     if (fate.hasDuplicate()) {
 *         schedule(now + fate.duplicateDelayNanos(), datagram);
 *     }
 * }
 * }</pre>
 *
 * @param loss the probability, 0 to 1, that a datagram is lost
 * @param delay the fixed part of the one-way delay, zero or more
 * @param jitter the random part of the delay: uniform in {@code [0, jitter)}, zero or more
 * @param duplicate the probability, 0 to 1, that a delivered datagram arrives a second time (with
 *     its own delay)
 * @param reorder the probability, 0 to 1, that a datagram is held back by {@code reorderDelay},
 *     so that later ones overtake it (jitter reorders too)
 * @param reorderDelay how long a reordered datagram is held back, zero or more
 */
public record LinkFaults(
        double loss, Duration delay, Duration jitter, double duplicate, double reorder, Duration reorderDelay) {

    /** No fault: every datagram delivered at once, once. */
    public static final LinkFaults NONE = new LinkFaults(0, Duration.ZERO, Duration.ZERO, 0, 0, Duration.ZERO);

    /**
     * Validates every component.
     *
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public LinkFaults {
        probability("loss", loss);
        nonNegative("delay", delay);
        nonNegative("jitter", jitter);
        probability("duplicate", duplicate);
        probability("reorder", reorder);
        nonNegative("reorderDelay", reorderDelay);
    }

    /**
     * @param probability the loss probability, 0 to 1
     * @return faults with only that loss
     */
    public static LinkFaults loss(double probability) {
        return builder().loss(probability).build();
    }

    /** @return a builder with no fault */
    public static Builder builder() {
        return new Builder(NONE);
    }

    /** @return a builder holding these values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return {@code true} if every datagram is delivered at once, exactly once */
    public boolean isNone() {
        return loss == 0 && duplicate == 0 && reorder == 0 && delay.isZero() && jitter.isZero();
    }

    /**
     * Both sets of faults on one path: losses, duplications and reorderings as independent events
     * ({@code 1 - (1-a)(1-b)}), delays and jitters added, the longer reorder delay.
     *
     * @param other the other faults
     * @return the combination
     */
    public LinkFaults and(LinkFaults other) {
        Objects.requireNonNull(other, "other");
        if (other.isNone()) {
            return this;
        }
        if (isNone()) {
            return other;
        }
        return new LinkFaults(
                either(loss, other.loss),
                delay.plus(other.delay),
                jitter.plus(other.jitter),
                either(duplicate, other.duplicate),
                either(reorder, other.reorder),
                reorderDelay.compareTo(other.reorderDelay) >= 0 ? reorderDelay : other.reorderDelay);
    }

    /**
     * Draws the fate of one datagram. Draws are made in a fixed order (loss, then the delay of the
     * first copy, then duplication and the delay of the second copy) and only for faults that are
     * set, so the same generator state gives the same fate. Returns {@link Fate#DELIVER_NOW}
     * without drawing when {@link #isNone()}.
     *
     * @param random the generator to draw from
     * @return the fate
     */
    public Fate decide(RandomGenerator random) {
        if (isNone()) {
            return Fate.DELIVER_NOW;
        }
        if (loss > 0 && random.nextDouble() < loss) {
            return Fate.LOST;
        }
        long first = delayNanos(random);
        long second = duplicate > 0 && random.nextDouble() < duplicate ? delayNanos(random) : -1;
        return new Fate(null, first, second);
    }

    private long delayNanos(RandomGenerator random) {
        long nanos = delay.toNanos();
        long jitterNanos = jitter.toNanos();
        if (jitterNanos > 0) {
            nanos += random.nextLong(jitterNanos);
        }
        if (reorder > 0 && random.nextDouble() < reorder) {
            nanos += reorderDelay.toNanos();
        }
        return nanos;
    }

    private static double either(double a, double b) {
        return 1 - (1 - a) * (1 - b);
    }

    static double probability(String field, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(field + " must be in 0..1, was " + p);
        }
        return p;
    }

    private static Duration nonNegative(String field, Duration d) {
        Objects.requireNonNull(d, field);
        if (d.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, was " + d);
        }
        return d;
    }

    /** Builds {@link LinkFaults}; every setter validates and returns {@code this}. Not thread-safe. */
    public static final class Builder {
        private double loss;
        private Duration delay;
        private Duration jitter;
        private double duplicate;
        private double reorder;
        private Duration reorderDelay;

        private Builder(LinkFaults from) {
            loss = from.loss;
            delay = from.delay;
            jitter = from.jitter;
            duplicate = from.duplicate;
            reorder = from.reorder;
            reorderDelay = from.reorderDelay;
        }

        /** @param probability see {@link LinkFaults#loss()} @return this */
        public Builder loss(double probability) {
            this.loss = probability("loss", probability);
            return this;
        }

        /**
         * @param delay see {@link LinkFaults#delay()}
         * @param jitter see {@link LinkFaults#jitter()}
         * @return this
         */
        public Builder delay(Duration delay, Duration jitter) {
            this.delay = nonNegative("delay", delay);
            this.jitter = nonNegative("jitter", jitter);
            return this;
        }

        /** @param probability see {@link LinkFaults#duplicate()} @return this */
        public Builder duplicate(double probability) {
            this.duplicate = probability("duplicate", probability);
            return this;
        }

        /**
         * @param probability see {@link LinkFaults#reorder()}
         * @param holdBack see {@link LinkFaults#reorderDelay()}
         * @return this
         */
        public Builder reorder(double probability, Duration holdBack) {
            this.reorder = probability("reorder", probability);
            this.reorderDelay = nonNegative("reorderDelay", holdBack);
            return this;
        }

        /** @return the validated faults */
        public LinkFaults build() {
            return new LinkFaults(loss, delay, jitter, duplicate, reorder, reorderDelay);
        }
    }
}
