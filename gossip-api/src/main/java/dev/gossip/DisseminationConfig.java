package dev.gossip;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How a node spreads broadcasts over the links its membership gives it.
 *
 * <p>{@link Mode#FLOOD}, the paper's model: on first receipt a node sends the payload to every
 * partial-view member but the one it came from. Each delivery costs about {@code (c+1)·ln n}
 * datagrams; every redundant copy is a counted duplicate.
 *
 * <p>{@link Mode#TREE}, eager/lazy push (Leitão, Pereira, Rodrigues, "Epidemic Broadcast Trees",
 * SRDS 2007): a node's links to its <em>neighbours</em>, the members of its partial view and of its
 * InView, are each either <em>eager</em> (the payload is pushed over it) or <em>lazy</em> (only the
 * message id is announced over it, later, in a batch). Every link starts eager, so the first message
 * floods over the links in both directions (about twice a {@code FLOOD}). A node that receives a
 * duplicate payload tells its sender to make their link lazy (PRUNE), unless it is the node's last
 * eager link; a node that hears an id announced and has not received the payload {@code
 * graftTimeout} later asks the announcer for it (GRAFT), which makes their link eager again, and
 * tries a second announcer after another half {@code graftTimeout}. The eager links settle into a
 * spanning tree, so a delivery costs about one payload datagram, and the lazy announcements reach
 * every link a flood would use, so a crashed branch is repaired by a graft. Links are used in both
 * directions (SCAMP's links are directed, and a shared tree over directed links alone cannot serve
 * every source; both ends of a SCAMP link know of it). See {@code docs/dissemination.md}.
 *
 * <p>Timers run on the node's protocol tick ({@link GossipConfig#tickInterval()}), so each fires up
 * to one tick late.
 *
 * @param mode {@link Mode#TREE} (default) or {@link Mode#FLOOD}
 * @param announceInterval how long a lazy announcement may wait for others to the same neighbour
 *     before they leave together in one datagram; a full datagram of ids leaves at once. Default
 *     {@value #DEFAULT_ANNOUNCE_MILLIS} ms. Longer batches more ids per datagram and delays repair.
 * @param graftTimeout how long a node waits for a payload after hearing its id announced before it
 *     grafts. Default {@value #DEFAULT_GRAFT_MILLIS} ms. Too short and slow eager paths graft (the
 *     tree fills back towards a flood); too long and a broken branch waits.
 * @param historyCapacity how many recent payloads each node keeps to answer grafts, 1 to
 *     {@value AntiEntropyConfig#MAX_HISTORY}; must outlive {@code announceInterval + 2 ×
 *     graftTimeout} of traffic. Default {@value #DEFAULT_HISTORY_CAPACITY}. Shared with anti-entropy
 *     (the larger capacity of the two is kept).
 * @param linger how long frames for one destination may wait for more frames to share their datagram
 *     (bundling). Default {@link Duration#ZERO}: frames queued while the node handles one input (a
 *     datagram, a tick, a call) leave together at its end. Above zero they wait for later inputs up
 *     to this long (a timer sends them when it ends, whether or not another input comes), and while
 *     the transport says more received datagrams follow
 *     ({@link dev.gossip.spi.Transport.Receiver#onDatagram(Address, java.nio.ByteBuffer, boolean)}),
 *     which saves datagrams under sustained load at a latency cost.
 */
public record DisseminationConfig(
        Mode mode, Duration announceInterval, Duration graftTimeout, int historyCapacity, Duration linger) {

    /** Default {@link #announceInterval()}, in milliseconds. */
    public static final long DEFAULT_ANNOUNCE_MILLIS = 100;
    /** Default {@link #graftTimeout()}, in milliseconds. */
    public static final long DEFAULT_GRAFT_MILLIS = 200;
    /** Default {@link #historyCapacity()}. */
    public static final int DEFAULT_HISTORY_CAPACITY = 1_024;

    /** How payloads travel. */
    public enum Mode {
        /** Every partial-view link carries every payload: the paper's model. */
        FLOOD,
        /** Eager/lazy push: payloads over a spanning tree, ids over the other links. */
        TREE;

        /** @return the lower-case name used on the command line and in config files */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param label {@code flood} or {@code tree}, any case
         * @return the mode
         * @throws IllegalArgumentException naming the accepted values
         */
        public static Mode parse(String label) {
            Objects.requireNonNull(label, "dissemination mode");
            for (Mode mode : values()) {
                if (mode.label().equalsIgnoreCase(label.trim())) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("dissemination must be flood or tree, was '" + label + "'");
        }
    }

    /**
     * Validates every component.
     *
     * @param mode see {@link #mode()}
     * @param announceInterval see {@link #announceInterval()}
     * @param graftTimeout see {@link #graftTimeout()}
     * @param historyCapacity see {@link #historyCapacity()}
     * @param linger see {@link #linger()}
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public DisseminationConfig {
        Objects.requireNonNull(mode, "mode");
        Checks.positive("announceInterval", announceInterval);
        Checks.positive("graftTimeout", graftTimeout);
        Checks.range("historyCapacity", historyCapacity, 1, AntiEntropyConfig.MAX_HISTORY);
        Objects.requireNonNull(linger, "linger");
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative, was " + linger);
        }
    }

    /** @return the default: {@link Mode#TREE} with the default timers, no linger */
    public static DisseminationConfig defaults() {
        return tree();
    }

    /** @return {@link Mode#TREE} with the default timers */
    public static DisseminationConfig tree() {
        return new DisseminationConfig(
                Mode.TREE,
                Duration.ofMillis(DEFAULT_ANNOUNCE_MILLIS),
                Duration.ofMillis(DEFAULT_GRAFT_MILLIS),
                DEFAULT_HISTORY_CAPACITY,
                Duration.ZERO);
    }

    /** @return {@link Mode#FLOOD}, the paper's dissemination, with the default (unused) timers */
    public static DisseminationConfig flood() {
        return tree().withMode(Mode.FLOOD);
    }

    /**
     * @param newMode the mode
     * @return this config with {@code mode} replaced
     */
    public DisseminationConfig withMode(Mode newMode) {
        return new DisseminationConfig(newMode, announceInterval, graftTimeout, historyCapacity, linger);
    }

    /**
     * @param announce see {@link #announceInterval()}
     * @param graft see {@link #graftTimeout()}
     * @return this config with both timers replaced
     */
    public DisseminationConfig withTimers(Duration announce, Duration graft) {
        return new DisseminationConfig(mode, announce, graft, historyCapacity, linger);
    }

    /**
     * @param newLinger see {@link #linger()}
     * @return this config with {@code linger} replaced
     */
    public DisseminationConfig withLinger(Duration newLinger) {
        return new DisseminationConfig(mode, announceInterval, graftTimeout, historyCapacity, newLinger);
    }

    /**
     * @param capacity see {@link #historyCapacity()}
     * @return this config with {@code historyCapacity} replaced
     */
    public DisseminationConfig withHistoryCapacity(int capacity) {
        return new DisseminationConfig(mode, announceInterval, graftTimeout, capacity, linger);
    }
}
