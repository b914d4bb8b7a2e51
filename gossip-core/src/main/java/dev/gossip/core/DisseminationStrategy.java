package dev.gossip.core;

import dev.gossip.Address;
import dev.gossip.ViewChange;
import dev.gossip.spi.DigestFrame;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How the engine spreads a message it delivers: {@link FloodStrategy} (the paper's flood) or
 * {@link TreeStrategy} (eager/lazy push). The engine decodes, de-duplicates and delivers; the
 * strategy decides who gets the payload ({@link GossipEngine#pushCurrent}) and what else is said.
 * Called on the engine's thread only.
 */
interface DisseminationStrategy {

    /**
     * Spreads the engine's current message: one received for the first time, or broadcast here.
     * Pushes it to each destination at most once (the outbox sends such pushes without a lookup).
     *
     * @param high the id's upper 64 bits
     * @param low the id's lower 64 bits
     * @param from the sender, or {@code null} for this node's own broadcast
     */
    void spread(long high, long low, @Nullable Address from);

    /**
     * A payload this node had already seen arrived.
     *
     * @param from the sender, or {@code null} if unknown
     * @param high the id's upper 64 bits
     * @param low the id's lower 64 bits
     */
    void onDuplicate(Address from, long high, long low);

    /**
     * The message about to be {@linkplain #spread spread} came as an anti-entropy repair, not over
     * the dissemination's own links: this node asked for it because a peer's digest listed it.
     *
     * @param high the id's upper 64 bits
     * @param low the id's lower 64 bits
     */
    default void onRepaired(long high, long low) {}

    /**
     * A tree control frame ({@link DigestFrame#IHAVE}, {@link DigestFrame#GRAFT}, {@link
     * DigestFrame#PRUNE}) arrived.
     *
     * @return {@code false} if this strategy takes no such frames or refused the sender
     */
    boolean onControl(DigestFrame frame, Address from);

    /** The protocol timer ticked. */
    void onTick(long now);

    /** The membership changed a view. */
    void onViewChange(ViewChange change);

    /** Adds this strategy's counters to {@code counters}. */
    void addCounters(Map<String, Long> counters);
}
