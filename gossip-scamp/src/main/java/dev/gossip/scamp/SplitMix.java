package dev.gossip.scamp;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The SplitMix generator of {@link java.util.SplittableRandom} (Steele, Lea and Flood, <i>Fast
 * Splittable Pseudorandom Number Generators</i>, OOPSLA 2014) with its state in the open: a
 * {@code (seed, gamma)} pair that {@link IndexedScamp} stores in an array, a node's generator
 * then being two {@code long}s rather than an object. For the same seed and the same calls it
 * gives exactly {@code SplittableRandom}'s numbers, splits included ({@code SplitMixTest} compares
 * them), so a simulation keeps its results when it moves from one to the other.
 *
 * <p>Only {@link #nextLong()} and {@link #nextInt()} are defined here; every other method is
 * {@link RandomGenerator}'s default built on them, as in {@code SplittableRandom}. Not thread-safe.
 */
public final class SplitMix implements RandomGenerator {

    /** The gamma of a generator made from a seed alone: the odd integer closest to 2^64 / φ. */
    static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long seed;
    private final long gamma;

    /** @param seed as {@link java.util.SplittableRandom#SplittableRandom(long)} */
    public SplitMix(long seed) {
        this(seed, GOLDEN_GAMMA);
    }

    private SplitMix(long seed, long gamma) {
        this.seed = seed;
        this.gamma = gamma;
    }

    /** @return a new generator, as {@link java.util.SplittableRandom#split()} */
    public SplitMix split() {
        long childSeed = nextLong();
        return new SplitMix(childSeed, mixGamma(seed += gamma));
    }

    /** @return the current seed (advanced by {@link #gamma()} at each draw) */
    public long seed() {
        return seed;
    }

    /** @return the increment, odd */
    public long gamma() {
        return gamma;
    }

    @Override
    public long nextLong() {
        return mix64(seed += gamma);
    }

    @Override
    public int nextInt() {
        return mix32(seed += gamma);
    }

    /** Stafford's variant 13 of MurmurHash3's 64-bit finaliser. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Stafford's variant 4, upper 32 bits. */
    static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    /** MurmurHash3's finaliser, made odd, with too few bit transitions broken up. */
    static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int transitions = Long.bitCount(z ^ (z >>> 1));
        return transitions < 24 ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }

    /**
     * Many generators' states in one array, two {@code long}s each, and one cursor that draws from
     * the generator it is {@link #at positioned} on: what {@link IndexedScamp} hands to the shared
     * protocol rules as a node's {@link RandomGenerator}.
     */
    static final class Array implements RandomGenerator {
        /**
         * Where generator 0 starts. A large array starts a G1 region, so on a 64-byte boundary;
         * past the 16-byte array header, long 6 starts the second cache line, and with a stride
         * of 4 no generator's longs straddle two lines.
         */
        static final int ORIGIN = 6;

        /** Generator {@code i} is {@code state[index(i)]} (seed) and the next (gamma). */
        long[] state;

        private final int stride;
        private int at;

        /** @param stride longs per generator, at least 2; the ones past the first two are the caller's */
        Array(int stride) {
            this.stride = stride;
            this.state = new long[ORIGIN + 64 * stride];
        }

        /** Stores {@code g}'s state as generator {@code i}, growing the array if needed. */
        void set(int i, SplitMix g) {
            int index = index(i);
            if (index + stride > state.length) {
                state = Arrays.copyOf(state, Math.max(2 * state.length, index + stride));
            }
            state[index] = g.seed;
            state[index + 1] = g.gamma;
        }

        /** @return where generator {@code i}'s longs start in {@link #state} */
        int index(int i) {
            return ORIGIN + stride * i;
        }

        /** @return this cursor, drawing from generator {@code i} */
        Array at(int i) {
            at = ORIGIN + stride * i;
            return this;
        }

        @Override
        public long nextLong() {
            return mix64(state[at] += state[at + 1]);
        }

        @Override
        public int nextInt() {
            return mix32(state[at] += state[at + 1]);
        }
    }
}
