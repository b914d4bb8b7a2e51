package dev.gossip.core;

import dev.gossip.AntiEntropyConfig;
import dev.gossip.spi.DigestFrame;
import dev.gossip.MessageId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The state of anti-entropy on one node: its history of recent payloads, when the next digest is
 * due, which ids the next digest lists, and the counters. The engine does the sending; see {@link
 * AntiEntropyConfig} for the exchange. Not thread-safe.
 *
 * <p>A digest lists at most {@code maxDigestIds} ids: the newest half of them are always the most
 * recent messages (so new losses are repaired within an interval or two); the rest walk through the
 * older history, a different page each digest, so every kept message is advertised again within
 * {@code historyCapacity / (maxDigestIds / 2)} intervals.
 *
 * <p>An id requested once is not requested again until this node's next digest is due (at most
 * {@code 4 × maxDigestIds} such ids are remembered), so two digests crossing in one interval do not
 * fetch the same message twice, and a lost request or repair is retried an interval later.
 */
final class AntiEntropy {

    private final long intervalNanos;
    private final int maxIds;
    private final PayloadHistory history;
    /** Ids of the digest or request being built: pairs (high, low). */
    private final long[] ids;
    private final Set<MessageId> requestedRecently = new HashSet<>();
    private long nextDueNanos;
    private int cursor;

    private long digestsSent;
    private long digestsReceived;
    private long requestsSent;
    private long idsRequested;
    private long repairsSent;
    private long repairsUnavailable;

    AntiEntropy(AntiEntropyConfig config, long nowNanos, RandomGenerator random) {
        this.intervalNanos = config.interval().toNanos();
        this.maxIds = Math.min(config.maxDigestIds(), DigestFrame.MAX_IDS);
        this.history = new PayloadHistory(config.historyCapacity());
        this.ids = new long[2 * maxIds];
        // a random first offset keeps the nodes of a cluster started together from digesting in step
        this.nextDueNanos = nowNanos + (long) (random.nextDouble() * intervalNanos);
    }

    PayloadHistory history() {
        return history;
    }

    /** @return the ids buffer that {@link #fillDigest} and requests are built in */
    long[] ids() {
        return ids;
    }

    /** @return the most ids in one digest, request or reply */
    int maxIds() {
        return maxIds;
    }

    /** @return {@code true} once per interval: a digest is due now */
    boolean due(long nowNanos) {
        if (nowNanos - nextDueNanos < 0) {
            return false;
        }
        nextDueNanos += intervalNanos;
        requestedRecently.clear();
        if (nowNanos - nextDueNanos >= 0) {
            nextDueNanos = nowNanos + intervalNanos; // the node stalled; do not catch up in a burst
        }
        return true;
    }

    /** Fills {@link #ids()} with this node's digest; @return how many ids */
    int fillDigest() {
        int size = history.size();
        int count = Math.min(maxIds, size);
        int newest = Math.min(count, (maxIds + 1) / 2);
        int n = 0;
        for (int age = 0; age < newest; age++) {
            n = put(n, history.slotByAge(age));
        }
        int older = size - newest;
        int fromOlder = Math.min(count - newest, older);
        if (fromOlder > 0) {
            cursor = cursor % older;
            for (int i = 0; i < fromOlder; i++) {
                n = put(n, history.slotByAge(newest + (cursor + i) % older));
            }
            cursor = (cursor + fromOlder) % older;
        }
        return n;
    }

    private int put(int n, int slot) {
        ids[2 * n] = history.high(slot);
        ids[2 * n + 1] = history.low(slot);
        return n + 1;
    }

    /**
     * Marks an id as requested now.
     *
     * @return {@code false} if it was requested since the last digest, so it should not be now
     */
    boolean markRequested(long high, long low) {
        if (requestedRecently.size() >= 4 * maxIds) {
            return true; // bound reached: request anyway, duplicates cost bandwidth, not memory
        }
        return requestedRecently.add(new MessageId(high, low));
    }

    void digestSent() {
        digestsSent++;
    }

    void digestReceived() {
        digestsReceived++;
    }

    void requested(int count) {
        requestsSent++;
        idsRequested += count;
    }

    void repairSent() {
        repairsSent++;
    }

    void repairUnavailable() {
        repairsUnavailable++;
    }

    /** Adds the counters, named {@code antiEntropy.*}, to {@code counters}. */
    void addCounters(Map<String, Long> counters) {
        counters.put("antiEntropy.digestsSent", digestsSent);
        counters.put("antiEntropy.digestsReceived", digestsReceived);
        counters.put("antiEntropy.requestsSent", requestsSent);
        counters.put("antiEntropy.idsRequested", idsRequested);
        counters.put("antiEntropy.repairsSent", repairsSent);
        counters.put("antiEntropy.repairsUnavailable", repairsUnavailable);
        counters.put("antiEntropy.historySize", (long) history.size());
    }
}
