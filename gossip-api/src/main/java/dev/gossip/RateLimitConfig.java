package dev.gossip;

/**
 * Per-sender rate limits on membership messages, which are the amplification vector of SCAMP: one
 * forwarded subscription makes up to {@code |PV| + c} more. Each (sender address, message type)
 * pair has a token bucket of {@code burst} tokens refilled at {@code perSecond}; a message that
 * finds its bucket empty is dropped and counted as {@link DropReason#RATE_LIMITED}. Gossip frames
 * are not limited (they are de-duplicated, so a flood of one id costs one delivery).
 *
 * <p>Sizing: a contact node forwards each subscription it receives to every member of its partial
 * view, so a neighbour receives from it as many forwarded subscriptions per second as nodes join
 * through it per second; heartbeats arrive once per heartbeat interval per link. The defaults allow
 * bursts of {@value #DEFAULT_BURST} (a mass join) and {@value #DEFAULT_PER_SECOND}/s sustained, far
 * above a healthy cluster's rates, while bounding what one sender can make a node do.
 *
 * @param perSecond tokens each (sender, type) bucket earns per second; 0 turns limiting off.
 *     Default {@value #DEFAULT_PER_SECOND}.
 * @param burst the bucket size: messages of one type one sender may send at once, at least 1.
 *     Default {@value #DEFAULT_BURST}.
 * @param maxSenders senders tracked at once, the least recently heard forgotten first (about 400
 *     bytes each; a forgotten sender starts with a full bucket). Default
 *     {@value #DEFAULT_MAX_SENDERS}.
 */
public record RateLimitConfig(double perSecond, int burst, int maxSenders) {

    /** Default {@link #perSecond()}. */
    public static final double DEFAULT_PER_SECOND = 200;
    /** Default {@link #burst()}. */
    public static final int DEFAULT_BURST = 2_000;
    /** Default {@link #maxSenders()}. */
    public static final int DEFAULT_MAX_SENDERS = 4_096;

    /**
     * Validates every component.
     *
     * @param perSecond see {@link #perSecond()}
     * @param burst see {@link #burst()}
     * @param maxSenders see {@link #maxSenders()}
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public RateLimitConfig {
        if (!(perSecond >= 0 && perSecond <= 1e9)) {
            throw new IllegalArgumentException("perSecond must be in 0..1e9, was " + perSecond);
        }
        Checks.range("burst", burst, 1, 1 << 24);
        Checks.range("maxSenders", maxSenders, 1, 1 << 24);
    }

    /** @return the defaults */
    public static RateLimitConfig defaults() {
        return new RateLimitConfig(DEFAULT_PER_SECOND, DEFAULT_BURST, DEFAULT_MAX_SENDERS);
    }

    /** @return no limiting */
    public static RateLimitConfig off() {
        return new RateLimitConfig(0, DEFAULT_BURST, DEFAULT_MAX_SENDERS);
    }

    /** @return {@code true} if messages are limited */
    public boolean enabled() {
        return perSecond > 0;
    }
}
