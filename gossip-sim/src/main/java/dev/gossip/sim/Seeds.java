package dev.gossip.sim;

/**
 * Derives independent seeds from a master seed and the coordinates of one run, so that a run's
 * result does not depend on which other runs an experiment includes or in which order.
 */
final class Seeds {

    private Seeds() {}

    static long derive(long seed, long... parts) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (long part : parts) {
            h = mix(h + 0x9E3779B97F4A7C15L + part);
        }
        return h;
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser (the mixer of SplittableRandom). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
