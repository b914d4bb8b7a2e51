package dev.gossip.core;

import dev.gossip.Address;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets per sender and message type: each (sender, type) pair may spend {@code burst}
 * messages at once and earns {@code ratePerSecond} back, up to {@code burst}. Bounds the work one
 * sender can cause, which matters most for membership messages that fan out (one forwarded
 * subscription makes up to {@code |PV| + c} more).
 *
 * <p>Bounded memory: at most {@code maxSenders} senders are tracked, the least recently heard
 * evicted first; each costs {@value #TYPES} buckets of two longs plus a map entry (about 400
 * bytes). An evicted sender starts again with a full bucket. Types are folded onto
 * {@value #TYPES} slots ({@code type % TYPES}). Not thread-safe: the engine calls it under the
 * node's lock. Time comes from the engine's injected clock.
 */
final class SenderRateLimits {

    static final int TYPES = 16;

    private final long nanosPerToken;
    private final long burstNanos;
    private final int maxSenders;
    private final LinkedHashMap<Address, long[]> senders;
    private long evictions;

    /**
     * @param ratePerSecond messages per second each (sender, type) earns; 0 disables limiting
     * @param burst messages each (sender, type) may send at once, at least 1
     * @param maxSenders senders tracked at most
     */
    SenderRateLimits(double ratePerSecond, int burst, int maxSenders) {
        this.nanosPerToken = ratePerSecond <= 0 ? 0 : Math.max(1, (long) (1e9 / ratePerSecond));
        this.burstNanos = nanosPerToken * burst;
        this.maxSenders = maxSenders;
        this.senders = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Address, long[]> eldest) {
                if (size() > SenderRateLimits.this.maxSenders) {
                    evictions++;
                    return true;
                }
                return false;
            }
        };
    }

    /**
     * Spends one token of {@code sender}'s bucket for {@code type}.
     *
     * @return {@code true} if the message may be processed
     */
    boolean tryAcquire(Address sender, int type, long nowNanos) {
        if (nanosPerToken == 0) {
            return true;
        }
        long[] buckets = senders.get(sender);
        if (buckets == null) {
            buckets = new long[TYPES];
            // each slot holds the time at which the bucket is empty; "now - burst" is full
            java.util.Arrays.fill(buckets, nowNanos - burstNanos);
            senders.put(sender, buckets);
        }
        int slot = Math.floorMod(type, TYPES);
        long emptyAt = Math.max(buckets[slot], nowNanos - burstNanos);
        if (emptyAt + nanosPerToken > nowNanos) {
            return false;
        }
        buckets[slot] = emptyAt + nanosPerToken;
        return true;
    }

    int trackedSenders() {
        return senders.size();
    }

    long evictions() {
        return evictions;
    }
}
