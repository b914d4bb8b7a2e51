package dev.gossip.core.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rejects replayed datagrams: for each sender id, a sliding window of {@value #WINDOW} counters
 * below the highest one accepted, as a bitmap. A counter is accepted once; counters more than
 * {@code WINDOW - 1} below the highest are rejected as too old (a datagram delayed by that many of
 * its sender's later datagrams is lost, as on any lossy link).
 *
 * <p>Bounded: at most {@code maxSenders} windows are kept, the least recently used evicted first
 * (each costs about 200 bytes). Sender ids are authenticated, so only holders of a key can make new
 * windows; an evicted sender's next datagram starts a fresh window (see docs/security.md for what
 * that allows). Thread-safe (one monitor; the work under it is a few array operations).
 */
final class ReplayGuard {

    /** Counters tracked below the highest accepted, per sender. */
    static final int WINDOW = 1024;

    private static final int WORDS = WINDOW / 64;

    private final int maxSenders;
    private final Map<Long, Window> windows;
    private long evictions;

    private static final class Window {
        long highest = -1;
        final long[] bits = new long[WORDS];

        boolean fresh(long counter) {
            if (counter > highest) {
                return true;
            }
            if (highest - counter >= WINDOW) {
                return false;
            }
            return (bits[word(counter)] & bit(counter)) == 0;
        }

        void mark(long counter) {
            if (counter > highest) {
                if (highest < 0 || counter - highest >= WINDOW) {
                    java.util.Arrays.fill(bits, 0);
                } else {
                    for (long c = highest + 1; c < counter; c++) {
                        bits[word(c)] &= ~bit(c);
                    }
                    bits[word(counter)] &= ~bit(counter);
                }
                highest = counter;
            }
            bits[word(counter)] |= bit(counter);
        }

        private static int word(long counter) {
            return (int) ((counter >>> 6) % WORDS);
        }

        private static long bit(long counter) {
            return 1L << (counter & 63);
        }
    }

    ReplayGuard(int maxSenders) {
        this.maxSenders = maxSenders;
        this.windows = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Window> eldest) {
                if (size() > ReplayGuard.this.maxSenders) {
                    evictions++;
                    return true;
                }
                return false;
            }
        };
    }

    /**
     * A cheap test before decryption; does not record anything.
     *
     * @return {@code false} if the counter was seen or is too old
     */
    synchronized boolean mightAccept(long sender, long counter) {
        Window window = windows.get(sender);
        return window == null || window.fresh(counter);
    }

    /**
     * Records an authenticated datagram's counter.
     *
     * @return {@code true} if it is new; {@code false} for a replay or a counter too old
     */
    synchronized boolean accept(long sender, long counter) {
        Window window = windows.computeIfAbsent(sender, k -> new Window());
        if (!window.fresh(counter)) {
            return false;
        }
        window.mark(counter);
        return true;
    }

    synchronized int senders() {
        return windows.size();
    }

    synchronized long evictions() {
        return evictions;
    }
}
