package dev.gossip;

import java.time.Duration;
import java.util.Objects;

/**
 * <b>Not acted on yet:</b> this release defines the settings; the engine does not run
 * anti-entropy, whatever the interval.
 *
 * <p>Anti-entropy: a node periodically sends the ids of the messages it received recently (a digest)
 * to one random partial-view member, which asks for the ones it misses; they are sent again, so
 * messages lost to packet loss or a partition are pulled in. Off by default; costs one digest
 * datagram per node per interval, plus the repairs, plus a bounded store of recent payloads.
 *
 * <p>Bounds: each node keeps the last {@code historyCapacity} messages it saw (payload bytes plus
 * about 100 bytes each, so at most {@code historyCapacity × (maxPayloadBytes + 100)}); a digest
 * lists at most {@code maxDigestIds} ids (16 bytes each, and it must fit one datagram); a node
 * answers at most {@code maxDigestIds} requests per digest received. A message older than the
 * history cannot be repaired: size the history above the number of messages the cluster sends in
 * the longest outage to be repaired.
 *
 * @param interval how often a node sends a digest; {@link Duration#ZERO} turns anti-entropy off
 *     (default)
 * @param maxDigestIds the most ids in one digest, the most recent first, 1 to
 *     {@value #MAX_DIGEST_IDS}. Default {@value #DEFAULT_MAX_DIGEST_IDS}.
 * @param historyCapacity how many recent messages each node keeps to answer requests, 1 to
 *     {@value #MAX_HISTORY}. Default {@value #DEFAULT_HISTORY_CAPACITY}.
 */
public record AntiEntropyConfig(Duration interval, int maxDigestIds, int historyCapacity) {

    /** Default {@link #maxDigestIds()}. */
    public static final int DEFAULT_MAX_DIGEST_IDS = 64;
    /** Largest {@link #maxDigestIds()}: a digest of 16-byte ids fits one 1,400-byte datagram. */
    public static final int MAX_DIGEST_IDS = 80;
    /** Default {@link #historyCapacity()}. */
    public static final int DEFAULT_HISTORY_CAPACITY = 1_024;
    /** Largest {@link #historyCapacity()}. */
    public static final int MAX_HISTORY = 1 << 20;

    /**
     * Validates every component.
     *
     * @param interval see {@link #interval()}
     * @param maxDigestIds see {@link #maxDigestIds()}
     * @param historyCapacity see {@link #historyCapacity()}
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public AntiEntropyConfig {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative, was " + interval);
        }
        Checks.range("maxDigestIds", maxDigestIds, 1, MAX_DIGEST_IDS);
        Checks.range("historyCapacity", historyCapacity, 1, MAX_HISTORY);
    }

    /** @return anti-entropy off, with the default bounds */
    public static AntiEntropyConfig off() {
        return new AntiEntropyConfig(Duration.ZERO, DEFAULT_MAX_DIGEST_IDS, DEFAULT_HISTORY_CAPACITY);
    }

    /**
     * @param interval see {@link #interval()}
     * @return anti-entropy every {@code interval}, with the default bounds
     */
    public static AntiEntropyConfig every(Duration interval) {
        return new AntiEntropyConfig(interval, DEFAULT_MAX_DIGEST_IDS, DEFAULT_HISTORY_CAPACITY);
    }

    /** @return {@code true} if the interval is above zero */
    public boolean enabled() {
        return !interval.isZero();
    }
}
