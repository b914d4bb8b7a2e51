package dev.gossip.bench;

/**
 * One system in the dissemination race: N members in this JVM, all on loopback, that can spread
 * one message from any member to all others. Implementations report each first delivery to the
 * {@link RaceRecorder} they were given and count the messages their dissemination puts on the wire.
 */
interface RaceCluster extends AutoCloseable {

    /** @return the name printed in the table */
    String name();

    /**
     * Starts {@code n} members and returns once every member sees all {@code n} (or the system's
     * own notion of a complete view, for a partial-view protocol: every member joined).
     *
     * @param n members
     * @throws Exception if the cluster does not form
     */
    void start(int n) throws Exception;

    /**
     * Spreads one message.
     *
     * @param origin index of the member that sends it
     * @param run the run number, carried in the message so that receivers can report it
     * @throws Exception if the system refuses the message
     */
    void broadcast(int origin, int run) throws Exception;

    /** @return messages (datagrams, TCP messages) sent for dissemination so far, over all members */
    long messagesSent();

    /**
     * Waits until the dissemination traffic of the last message has stopped (a system that keeps
     * re-gossiping for a while counts those copies too); gives up after 15 s.
     *
     * @throws InterruptedException if interrupted
     */
    default void settle() throws InterruptedException {
        long last = -1;
        long now = messagesSent();
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (now != last && System.nanoTime() < deadline) {
            last = now;
            Thread.sleep(settleQuietMillis());
            now = messagesSent();
        }
    }

    /** @return how long the message counter must stand still for {@link #settle} to return */
    default long settleQuietMillis() {
        return 100;
    }

    /**
     * @return whether the warm-up should broadcast from one member at a time, waiting for the traffic
     *     to settle in between, instead of from all members at once
     */
    default boolean sequentialWarmUp() {
        return false;
    }

    /** @return a remark printed under the table (view sizes, config), or an empty string */
    default String note() {
        return "";
    }

    @Override
    void close();
}
