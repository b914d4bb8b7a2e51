package dev.gossip.bench;

import java.nio.ByteBuffer;

/**
 * Where a benchmark cluster reports each message a member delivers: the race's {@link RaceRecorder}
 * or the throughput race's {@link ThroughputRecorder}. Called concurrently from every member's
 * delivery thread.
 */
@FunctionalInterface
interface DeliverySink {

    /**
     * A member delivered a message.
     *
     * @param member the member's index in its cluster
     * @param payload the message's bytes from position to limit; valid during the call only
     */
    void delivered(int member, ByteBuffer payload);
}
