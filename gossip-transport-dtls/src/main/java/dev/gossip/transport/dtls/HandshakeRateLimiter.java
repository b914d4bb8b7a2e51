package dev.gossip.transport.dtls;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source IP address for ClientHellos: {@code perSecond} tokens a second, at most
 * {@code 2 x perSecond} saved. The sources are kept in a least-recently-used map of at most
 * {@link #MAX_SOURCES} entries, so a flood from many spoofed addresses costs bounded memory (an
 * evicted source starts again with a full bucket, which only lets it be answered at most its burst
 * more). Used by the receive thread alone: not thread-safe.
 */
final class HandshakeRateLimiter {

    static final int MAX_SOURCES = 4_096;

    private final double perNano;
    private final double burst;
    private final Map<InetAddress, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    HandshakeRateLimiter(int perSecond) {
        this.perNano = perSecond / 1e9;
        this.burst = 2.0 * perSecond;
    }

    /** @return {@code true} if {@code source} may have one more ClientHello answered now */
    boolean tryAcquire(InetAddress source, long nowNanos) {
        Bucket bucket = buckets.get(source);
        if (bucket == null) {
            bucket = new Bucket(burst, nowNanos);
            buckets.put(source, bucket);
        }
        bucket.tokens = Math.min(burst, bucket.tokens + (nowNanos - bucket.refilledNanos) * perNano);
        bucket.refilledNanos = nowNanos;
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }

    private static final class Bucket {
        double tokens;
        long refilledNanos;

        Bucket(double tokens, long refilledNanos) {
            this.tokens = tokens;
            this.refilledNanos = refilledNanos;
        }
    }

    int sources() {
        return buckets.size();
    }
}
