package dev.gossip.it;

/** The seed of a test: {@code -Dgossip.it.seed=N} replays a failed run, else the test's default. */
final class Seeds {

    private Seeds() {}

    static long seed(long defaultSeed) {
        String override = System.getProperty("gossip.it.seed");
        return override == null || override.isBlank() ? defaultSeed : Long.parseLong(override.strip());
    }
}
