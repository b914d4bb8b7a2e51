package dev.gossip;

import java.time.Duration;
import java.util.Objects;

/**
 * Anti-entropy: periodic digest exchange that repairs messages lost to packet loss, a crash or a
 * partition. On by default, so that no message is lost silently: {@link #defaults()} (every
 * {@value #DEFAULT_INTERVAL_MILLIS} ms, {@link GossipConfig#lan()}), every 500 ms in {@link
 * GossipConfig#local()} and every 5 s in {@link GossipConfig#wan()} (the heartbeat interval of lan
 * and wan). {@link #off()} turns it off; {@link #every(Duration)} sets another interval. The tree
 * dissemination repairs a lost payload by a graft, but only while the id is being announced: a node
 * that heard no announcement (cut off for a while, all its links through a crashed node until it
 * relinked) gets the message only from anti-entropy.
 *
 * <p>What a node does, when on: every {@code interval} (checked on the protocol timer, so at most
 * one {@link GossipConfig#tickInterval()} late; the first one at a random offset) it sends a
 * <em>digest</em> to one partial-view member chosen at random. The digest lists up to {@code
 * maxDigestIds} ids of messages this node holds: half of them the most recent, the other half a
 * page of the older history that moves on each time. Under the tree dissemination "most recent"
 * leaves out messages younger than {@code 2 × (announceInterval + graftTimeout)} (160 ms with the
 * local preset's timers, 600 ms with the defaults): those may still be on their way down the tree,
 * whose own repair is due first. The receiver (1) sends a <em>request</em> for
 * the listed ids it has not seen and (2) answers with a <em>digest reply</em> of its own ids, for
 * which the first node requests what it lacks (push-pull). A node answers a request by sending each
 * requested message it still holds, at most {@code maxDigestIds} per request, as an ordinary gossip
 * frame: the requester delivers it as a first receipt and forwards it to its partial view, so one
 * repair across a healed partition spreads through the whole other side by gossip. An id requested
 * once is not requested again until the requester's next digest is due.
 *
 * <p>A node answers digests and requests only from its neighbours (partial view or InView); others
 * are dropped as {@link DropReason#REJECTED_BY_MEMBERSHIP}, so that anti-entropy, on by default,
 * does not turn a node into a reflector for spoofed UDP sources.
 *
 * <p>Bounds: each node keeps the last {@code historyCapacity} messages it delivered or broadcast
 * (payload bytes plus about 100 bytes each, so at most {@code historyCapacity × (maxPayloadBytes +
 * 100)} bytes); a digest, reply or request lists at most {@code maxDigestIds} ids (6 + 16 × ids
 * bytes); a request is answered with at most {@code maxDigestIds} datagrams; digests, replies and
 * requests are rate-limited per sender by {@link GossipConfig#rateLimit()} like membership
 * messages. A message older than the history cannot be repaired: size the history above the number
 * of messages the cluster sends in the longest outage to be repaired, and keep it well below
 * {@link GossipConfig#dedupCapacity()} (the default 1,024 against 65,536), or a repaired old
 * message whose id the duplicate filter has forgotten is delivered again.
 *
 * <p>Cost per node and interval: one digest sent and, on average, one received and one reply each
 * way (each at most {@code 6 + 16 × maxDigestIds} bytes, 1,030 bytes at the default), plus one
 * request and one datagram per missing message: about two datagrams per node per interval, 2 a
 * second at the default (measured: see {@code docs/configuration.md}). A node that joins late is
 * sent the history it missed (up to {@code historyCapacity} old messages are delivered to it). Nodes with anti-entropy
 * off drop anti-entropy frames as {@link DropReason#UNKNOWN_TYPE}. Counters appear in {@link
 * NodeSnapshot#membershipCounters()} as {@code antiEntropy.digestsSent}, {@code
 * antiEntropy.digestsReceived}, {@code antiEntropy.requestsSent}, {@code antiEntropy.idsRequested},
 * {@code antiEntropy.repairsSent}, {@code antiEntropy.repairsUnavailable}, {@code
 * antiEntropy.refused} and {@code antiEntropy.historySize}.
 *
 * @param interval how often a node sends a digest; {@link Duration#ZERO} turns anti-entropy off.
 *     Default {@value #DEFAULT_INTERVAL_MILLIS} ms
 * @param maxDigestIds the most ids in one digest, the most recent first, 1 to
 *     {@value #MAX_DIGEST_IDS}. Default {@value #DEFAULT_MAX_DIGEST_IDS}.
 * @param historyCapacity how many recent messages each node keeps to answer requests, 1 to
 *     {@value #MAX_HISTORY}. Default {@value #DEFAULT_HISTORY_CAPACITY}. The tree dissemination
 *     keeps payloads in the same history ({@link DisseminationConfig#historyCapacity()}, the larger
 *     of the two is kept); anti-entropy still advertises and repairs only the newest {@code
 *     historyCapacity} of them.
 */
public record AntiEntropyConfig(Duration interval, int maxDigestIds, int historyCapacity) {

    /** Default {@link #interval()}, in milliseconds. */
    public static final long DEFAULT_INTERVAL_MILLIS = 1_000;
    /** Default {@link #maxDigestIds()}. */
    public static final int DEFAULT_MAX_DIGEST_IDS = 64;
    /** Largest {@link #maxDigestIds()}: a digest of 80 16-byte ids (1,286 bytes) fits one 1,400-byte datagram. */
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

    /** @return the default: every {@value #DEFAULT_INTERVAL_MILLIS} ms, with the default bounds */
    public static AntiEntropyConfig defaults() {
        return every(Duration.ofMillis(DEFAULT_INTERVAL_MILLIS));
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
