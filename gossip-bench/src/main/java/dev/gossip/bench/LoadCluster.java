package dev.gossip.bench;

import java.util.Map;

/**
 * A {@link RaceCluster} that the throughput race can load: any member sends any payload, from
 * several threads at once, and the cluster counts what its transports carry. Deliveries go to the
 * {@link DeliverySink} the cluster was made with.
 */
interface LoadCluster extends RaceCluster {

    /**
     * Broadcasts one message; safe to call from several threads at once.
     *
     * @param origin index of the member that sends it
     * @param payload the message, not changed by the call
     * @throws Exception if the system refuses the message
     */
    void send(int origin, byte[] payload) throws Exception;

    /**
     * @return every message the members' transports have carried so far, whatever protocol sent
     *     it: datagrams for ours (heartbeats included), transmissions for JGroups (see each class)
     */
    long transportMessages();

    /**
     * @return the system's own counters summed over the members, by name, for the progress lines
     *     (the difference over a step is shown); empty if it has none worth showing
     */
    default Map<String, Long> counters() {
        return Map.of();
    }

    @Override
    default void broadcast(int origin, int run) throws Exception {
        send(origin, RaceRecorder.payload(run));
    }
}
