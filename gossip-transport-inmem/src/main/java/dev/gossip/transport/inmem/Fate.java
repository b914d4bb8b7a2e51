package dev.gossip.transport.inmem;

import org.jspecify.annotations.Nullable;

/**
 * What happens to one datagram, as drawn by {@link FaultPlan#decide} or {@link LinkFaults#decide}:
 * dropped, or delivered after a delay, perhaps twice.
 *
 * @param dropped why it is dropped ({@link DropCause#LOSS} or {@link DropCause#PARTITION}), or
 *     {@code null} if it is delivered
 * @param delayNanos when it arrives, in nanoseconds after it was sent; 0 if dropped
 * @param duplicateDelayNanos when a second copy arrives, in nanoseconds after it was sent, or -1
 *     for no second copy
 */
public record Fate(@Nullable DropCause dropped, long delayNanos, long duplicateDelayNanos) {

    /** Delivered at once, once. */
    public static final Fate DELIVER_NOW = new Fate(null, 0, -1);
    /** Lost at random. */
    public static final Fate LOST = new Fate(DropCause.LOSS, 0, -1);
    /** Cut off by a partition. */
    public static final Fate PARTITIONED = new Fate(DropCause.PARTITION, 0, -1);

    /** @return {@code true} if the datagram never arrives */
    public boolean isDropped() {
        return dropped != null;
    }

    /** @return {@code true} if a second copy arrives */
    public boolean hasDuplicate() {
        return duplicateDelayNanos >= 0;
    }
}
