package dev.gossip.core;

import dev.gossip.Address;
import dev.gossip.Delivery;
import dev.gossip.DisseminationConfig;
import dev.gossip.DropReason;
import dev.gossip.GossipConfig;
import dev.gossip.MessageId;
import dev.gossip.NodeId;
import dev.gossip.NodeSnapshot;
import dev.gossip.PayloadTooLargeException;
import dev.gossip.ViewChange;
import dev.gossip.spi.Codec;
import dev.gossip.spi.DigestFrame;
import dev.gossip.spi.FrameHandler;
import dev.gossip.spi.GossipFrame;
import dev.gossip.spi.Membership;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipMessage;
import dev.gossip.spi.MembershipProvider;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Gossip dissemination over a partial-view membership, as a sans-IO state machine: inputs are
 * received datagrams, timer ticks and API calls; outputs are datagrams handed to an {@link Outbound}
 * and events handed to {@link Events}. Time and randomness are injected, so the same engine runs
 * over UDP, in memory, in a simulator and in benchmarks.
 *
 * <p>The engine reads as decode → dispatch → strategy: the codec decodes a datagram (one frame or a
 * bundle of them); a gossip frame is de-duplicated in a bounded {@link SeenMessages} of {@link
 * GossipConfig#dedupCapacity()} ids, delivered on its first receipt and handed to the dissemination
 * strategy ({@link GossipConfig#dissemination()}): {@link FloodStrategy}, the paper's model (the
 * payload to every partial-view member but the sender), or {@link TreeStrategy}, eager/lazy push
 * over a {@link PushTree}. Membership messages go to the {@link Membership}, anti-entropy frames to
 * {@link AntiEntropy}, tree control frames to the strategy. A node records the ids of its own
 * broadcasts, so echoes are duplicates; it delivers its own messages only if {@link
 * GossipConfig#deliverOwnMessages()} is set.
 *
 * <p>Bundling: every frame the engine sends while it handles one input is queued per destination
 * in a {@link Bundler} and leaves at the end of the input, several frames to one destination in one
 * datagram when the codec supports bundles (the default one does); a lone frame leaves as it is.
 * With a linger, received datagrams handed over with {@code more} set ({@link #onDatagram(Address,
 * ByteBuffer, boolean)}, a transport that already holds the next one) count as one input with the
 * next.
 *
 * <p>Errors: {@link #onDatagram} never throws. Every undecodable or rejected datagram is counted by
 * {@link DropReason}; a listener or membership that throws is counted as {@link
 * DropReason#HANDLER_ERROR} and reported to {@link Events#onError}, and the message is still
 * spread. Tree control frames from a node that is not a neighbour are counted as {@link
 * DropReason#REJECTED_BY_MEMBERSHIP}; anti-entropy and tree frames are rate-limited per sender like
 * membership messages.
 *
 * <p>Allocation: receiving, de-duplicating, delivering and spreading a gossip frame allocates
 * nothing once the duplicate filter has grown (given a codec that does not, like {@code binary}),
 * when no payload history is kept; with anti-entropy or the tree on, each first receipt copies its
 * payload into the history. Payload frames are encoded once into one scratch buffer of {@link
 * Outbound#maxDatagramBytes()} bytes, control frames into another.
 *
 * <p>Threading: not thread-safe. Call every method from one thread at a time (the runtime node
 * holds one lock around each call); {@link Events} are called on that thread.
 */
public final class GossipEngine {

    /** Where the engine's datagrams go: usually a {@link dev.gossip.spi.Transport}. */
    public interface Outbound {

        /**
         * Sends one datagram, best effort, without blocking.
         *
         * @param to the destination
         * @param datagram the bytes, from position to limit; the engine reuses the buffer after the
         *     call, and its position may be changed by the callee
         * @return {@code false} if it was dropped locally (counted as {@link DropReason#SEND_FAILED})
         */
        boolean send(Address to, ByteBuffer datagram);

        /** @return the largest datagram {@link #send} accepts, in bytes */
        int maxDatagramBytes();
    }

    /** What the engine reports, on the engine's calling thread. */
    public interface Events {

        /**
         * A message was received for the first time (or broadcast here, with own delivery on).
         *
         * @param delivery valid only during the call; see {@link Delivery} for buffer ownership
         */
        void onDelivery(Delivery delivery);

        /**
         * The membership changed a view.
         *
         * @param change the change
         */
        void onViewChange(ViewChange change);

        /**
         * A listener, the membership or a send failed; the engine went on. Must not throw.
         *
         * @param context what the engine was doing
         * @param error the failure
         */
        void onError(String context, Throwable error);
    }

    private static final DropReason[] REASONS = DropReason.values();
    /** Rate-limit type of anti-entropy and tree frames: kind + this, clear of the membership's small types. */
    private static final int DIGEST_RATE_TYPE = 12;

    private final GossipConfig config;
    private final NodeId self;
    private final Codec codec;
    private final RandomGenerator random;
    private final LongSupplier nanoClock;
    private final Outbound outbound;
    private final Events events;
    private final SeenMessages seen;
    private final Outbox outbox;
    private final Receiver receiver = new Receiver();
    private final Membership membership;
    private final SenderRateLimits rateLimits;
    /** {@code null} when neither anti-entropy nor the tree keeps payloads. */
    private final @Nullable PayloadHistory history;
    /** {@code null} when anti-entropy is off. */
    private final @Nullable AntiEntropy antiEntropy;

    private final DisseminationStrategy strategy;
    /** Whether frames wait while the transport says more datagrams follow: only with a linger. */
    private final boolean holdsWhileMore;

    /** The source of the datagram being decoded, for the handler methods. */
    private @Nullable Address currentFrom;

    private long inputNanos;
    private boolean haveInputNanos;

    private long datagramsReceived;
    private long broadcasts;
    private long delivered;
    private long duplicates;
    private final long[] drops = new long[REASONS.length];

    /**
     * Creates an engine and its membership ({@code membership.create(config.membership(), ...)}),
     * with this engine as the membership's {@link MembershipContext}.
     *
     * @param config limits ({@link GossipConfig#maxPayloadBytes()}, {@link GossipConfig#dedupCapacity()}),
     *     the dissemination and the membership settings
     * @param self this node's id (its advertised address)
     * @param codec the wire format
     * @param membership creates the membership protocol
     * @param random message ids and the membership's randomness
     * @param nanoClock monotonic time in nanoseconds, for the membership and the timers
     * @param outbound where datagrams go
     * @param events where deliveries, view changes and errors go
     */
    public GossipEngine(
            GossipConfig config,
            NodeId self,
            Codec codec,
            MembershipProvider membership,
            RandomGenerator random,
            LongSupplier nanoClock,
            Outbound outbound,
            Events events) {
        this.config = Objects.requireNonNull(config, "config");
        this.self = Objects.requireNonNull(self, "self");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.random = Objects.requireNonNull(random, "random");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.events = Objects.requireNonNull(events, "events");
        this.seen = new SeenMessages(config.dedupCapacity());
        this.outbox =
                new Outbox(codec, outbound, config.dissemination().linger().toNanos(), drops, this::report, this::now);
        this.holdsWhileMore = !config.dissemination().linger().isZero();
        this.rateLimits = new SenderRateLimits(
                config.rateLimit().perSecond(),
                config.rateLimit().burst(),
                config.rateLimit().maxSenders());
        boolean tree = config.dissemination().mode() == DisseminationConfig.Mode.TREE;
        int historyCapacity = Math.max(
                tree ? config.dissemination().historyCapacity() : 0,
                config.antiEntropy().enabled() ? config.antiEntropy().historyCapacity() : 0);
        this.history = historyCapacity > 0 ? new PayloadHistory(historyCapacity) : null;
        this.antiEntropy = config.antiEntropy().enabled() && history != null
                ? new AntiEntropy(
                        this,
                        config.antiEntropy(),
                        history,
                        tree ? AntiEntropy.treeQuietNanos(config.dissemination()) : 0,
                        nanoClock.getAsLong(),
                        random)
                : null;
        this.strategy = tree
                ? new TreeStrategy(this, config.dissemination(), outbound.maxDatagramBytes())
                : new FloodStrategy(this);
        this.membership = Objects.requireNonNull(
                Objects.requireNonNull(membership, "membership").create(config.membership(), new Context()),
                "membership provider returned null");
    }

    /**
     * Handles one received datagram: a gossip frame is de-duplicated, delivered and spread; a
     * membership message goes to the membership; anti-entropy and tree frames to theirs; anything
     * else is counted as a drop. Frames queued meanwhile leave at the end (bundled per destination).
     * Never throws.
     *
     * @param from the sender's address as the network reports it
     * @param datagram the bytes, from position to limit; read during the call only
     */
    public void onDatagram(Address from, ByteBuffer datagram) {
        onDatagram(from, datagram, false);
    }

    /**
     * Handles one received datagram like {@link #onDatagram(Address, ByteBuffer)}; with {@code more}
     * set and a {@link DisseminationConfig#linger()} above zero, the frames queued stay queued for
     * the next input (a transport holding further received datagrams says so, see {@link
     * dev.gossip.spi.Transport.Receiver#onDatagram(Address, ByteBuffer, boolean)}), so the answers
     * to a burst leave bundled per destination; the next input without {@code more} sends what
     * has waited the linger. Without a linger (every preset) {@code more} changes nothing: held
     * frames cost the tree grafts on a starved machine (docs/dissemination.md). Never throws.
     *
     * @param from the sender's address as the network reports it
     * @param datagram the bytes, from position to limit; read during the call only
     * @param more whether another received datagram follows at once
     */
    public void onDatagram(Address from, ByteBuffer datagram, boolean more) {
        datagramsReceived++;
        currentFrom = from;
        haveInputNanos = false;
        try {
            codec.decode(datagram, receiver);
        } catch (RuntimeException e) {
            drops[DropReason.HANDLER_ERROR.ordinal()]++;
            report("decoding a datagram from " + from, e);
        } finally {
            currentFrom = null;
            if (more && holdsWhileMore) {
                outbox.endCurrent();
            } else {
                outbox.flush();
            }
        }
    }

    /**
     * Counts a datagram the transport dropped before the engine saw it.
     *
     * @param from the sender, or {@code null} if unknown
     * @param reason why it was dropped
     */
    public void onTransportDrop(@Nullable Address from, DropReason reason) {
        drops[reason.ordinal()]++;
    }

    /**
     * Advances the membership's timers, the dissemination's (announcements, grafts) and, when
     * anti-entropy is on and its interval has passed, sends a digest; sends what lingered long
     * enough. Call every {@link GossipConfig#tickInterval()}. Never throws.
     */
    public void onTick() {
        haveInputNanos = false;
        try {
            try {
                membership.onTick();
            } catch (RuntimeException e) {
                report("membership tick", e);
            }
            long now = now();
            try {
                strategy.onTick(now);
            } catch (RuntimeException e) {
                report("dissemination tick", e);
            }
            if (antiEntropy != null) {
                antiEntropy.onTick(now, membership.partialView(), random);
            }
        } finally {
            outbox.flush();
        }
    }

    /**
     * With a {@link DisseminationConfig#linger()} above zero, frames may still be queued after an
     * input, waiting for others to the same destination; they are due by this time. The runtime
     * calls {@link #onLingerDue()} then, so a frame waits at most the linger even when no other
     * input comes (ticks alone would hold it up to a {@link GossipConfig#tickInterval()}).
     *
     * @return when queued frames are due, on the engine's clock, or {@link Long#MAX_VALUE} if none wait
     */
    public long lingerDue() {
        return outbox.nextDue();
    }

    /** Sends the queued frames that have waited the linger (see {@link #lingerDue()}). Never throws. */
    public void onLingerDue() {
        haveInputNanos = false;
        outbox.flush();
    }

    /**
     * Broadcasts a message: picks a random 128-bit id, encodes the frame once and sends it as the
     * dissemination decides (every partial-view member with {@code flood}; the eager links, and
     * announcements to the lazy ones, with {@code tree}).
     *
     * @param payload the bytes from position to limit; its position is not changed
     * @return the message id
     * @throws PayloadTooLargeException if the payload exceeds {@link GossipConfig#maxPayloadBytes()}
     *     or the frame exceeds {@link Outbound#maxDatagramBytes()}; nothing is sent then
     */
    public MessageId broadcast(ByteBuffer payload) {
        int size = payload.remaining();
        if (size > config.maxPayloadBytes()) {
            throw new PayloadTooLargeException(
                    "payload of " + size + " bytes exceeds maxPayloadBytes " + config.maxPayloadBytes(),
                    size,
                    config.maxPayloadBytes());
        }
        int frameSize = codec.gossipOverhead(self) + size;
        if (frameSize > outbound.maxDatagramBytes()) {
            throw new PayloadTooLargeException(
                    "frame of " + frameSize + " bytes (payload " + size
                            + " + header " + (frameSize - size) + ") exceeds the transport's maximum datagram of "
                            + outbound.maxDatagramBytes() + " bytes",
                    frameSize,
                    outbound.maxDatagramBytes());
        }
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (!seen.add(high, low));
        haveInputNanos = false;
        try {
            broadcasts++;
            if (history != null) {
                history.record(high, low, self, 0, payload, now());
            }
            outbox.startOwn(high, low, self, payload);
            try {
                strategy.spread(high, low, null);
            } finally {
                outbox.endCurrent();
            }
            if (config.deliverOwnMessages()) {
                deliver(new OwnDelivery(high, low, self, payload.asReadOnlyBuffer()));
            }
        } finally {
            outbox.flush();
        }
        return new MessageId(high, low);
    }

    /**
     * Subscribes through {@code contact}; see {@link Membership#join}.
     *
     * @param contact a node of the cluster, not this one
     */
    public void join(NodeId contact) {
        haveInputNanos = false;
        try {
            membership.join(contact);
        } finally {
            outbox.flush();
        }
    }

    /** Leaves the cluster gracefully; see {@link Membership#leave}. */
    public void leave() {
        haveInputNanos = false;
        try {
            membership.leave();
        } finally {
            outbox.flushAll(); // a left node gets no more inputs or linger timers
        }
    }

    /** @return this node's id */
    public NodeId self() {
        return self;
    }

    /** @return the membership this engine created; use it on the engine's thread only */
    public Membership membership() {
        return membership;
    }

    /**
     * Copies the views and counters.
     *
     * @param state the lifecycle state to report (the engine does not know it)
     * @return the snapshot
     */
    public NodeSnapshot snapshot(NodeSnapshot.State state) {
        Map<DropReason, Long> dropMap = new EnumMap<>(DropReason.class);
        for (DropReason reason : REASONS) {
            dropMap.put(reason, drops[reason.ordinal()]);
        }
        Map<String, Long> counters = new LinkedHashMap<>(membership.counters());
        if (antiEntropy != null) {
            antiEntropy.addCounters(counters);
        }
        strategy.addCounters(counters);
        outbox.addCounters(counters);
        return new NodeSnapshot(
                self,
                state,
                membership.partialView(),
                membership.inView(),
                membership.estimatedSize(),
                outbox.datagramsSent(),
                datagramsReceived,
                broadcasts,
                delivered,
                duplicates,
                outbox.forwarded(),
                dropMap,
                counters);
    }

    // ---- for the strategies and anti-entropy, on the engine's thread ----

    /** @return the time of the current input, read once per input */
    long now() {
        if (!haveInputNanos) {
            inputNanos = nanoClock.getAsLong();
            haveInputNanos = true;
        }
        return inputNanos;
    }

    /** @return whether the message was seen (received or broadcast) here */
    boolean seen(long high, long low) {
        return seen.contains(high, low);
    }

    /** @return the payload history shared by anti-entropy and the tree, or {@code null} */
    @Nullable
    PayloadHistory history() {
        return history;
    }

    /** @return where the strategies and anti-entropy send */
    Outbox outbox() {
        return outbox;
    }

    /** @return anti-entropy, or {@code null} when it is off */
    @Nullable
    AntiEntropy antiEntropy() {
        return antiEntropy;
    }

    void countDrop(DropReason reason) {
        drops[reason.ordinal()]++;
    }

    private void deliver(Delivery delivery) {
        delivered++;
        try {
            events.onDelivery(delivery);
        } catch (RuntimeException | Error e) {
            rethrowIfFatal(e);
            drops[DropReason.HANDLER_ERROR.ordinal()]++;
            report("message listener", e);
        }
    }

    /** Listener failures, assertion errors included, are contained; only a dying VM is not. */
    private static void rethrowIfFatal(Throwable e) {
        if (e instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }

    private void report(String context, Throwable error) {
        try {
            events.onError(context, error);
        } catch (RuntimeException ignored) {
            // Events.onError must not throw; if it does there is nobody left to tell.
        }
    }

    /** Receives the codec's decode results; one instance, so decoding allocates no handler. */
    private final class Receiver implements FrameHandler {
        @Override
        public void onGossip(GossipFrame frame) {
            if (!seen.add(frame.idHigh(), frame.idLow())) {
                duplicates++;
                if (antiEntropy != null && antiEntropy.isRepair(frame.idHigh(), frame.idLow())) {
                    return; // a repair crossing the tree's copy is no evidence of a redundant link
                }
                try {
                    if (currentFrom != null) { // always set while a datagram is decoded
                        strategy.onDuplicate(currentFrom, frame.idHigh(), frame.idLow());
                    }
                } catch (RuntimeException e) {
                    report("dissemination (duplicate)", e);
                }
                return;
            }
            if (antiEntropy != null && antiEntropy.isRepair(frame.idHigh(), frame.idLow())) {
                try {
                    strategy.onRepaired(frame.idHigh(), frame.idLow());
                } catch (RuntimeException e) {
                    report("dissemination (repair)", e);
                }
            }
            deliver(frame);
            if (history != null) {
                history.record(frame.idHigh(), frame.idLow(), frame.origin(), frame.hops(), frame.payload(), now());
            }
            outbox.startCurrent(frame);
            try {
                strategy.spread(frame.idHigh(), frame.idLow(), currentFrom);
            } catch (RuntimeException e) {
                drops[DropReason.HANDLER_ERROR.ordinal()]++;
                report("dissemination", e);
            } finally {
                outbox.endCurrent(); // the frame is a flyweight over this datagram
            }
        }

        @Override
        public void onDigest(DigestFrame frame) {
            Address from = currentFrom;
            if (from == null) {
                drops[DropReason.UNKNOWN_TYPE.ordinal()]++;
                return;
            }
            boolean control = frame.kind() >= DigestFrame.IHAVE;
            if (!control && antiEntropy == null) {
                drops[DropReason.UNKNOWN_TYPE.ordinal()]++;
                return;
            }
            if (!rateLimits.tryAcquire(from, DIGEST_RATE_TYPE + frame.kind(), now())) {
                drops[DropReason.RATE_LIMITED.ordinal()]++;
                return;
            }
            if (!control && antiEntropy != null) {
                antiEntropy.onFrame(frame, from);
                return;
            }
            boolean accepted;
            try {
                accepted = strategy.onControl(frame, from);
            } catch (RuntimeException e) {
                drops[DropReason.HANDLER_ERROR.ordinal()]++;
                report("dissemination control frame " + frame, e);
                return;
            }
            if (!accepted) {
                drops[
                        (strategy instanceof TreeStrategy ? DropReason.REJECTED_BY_MEMBERSHIP : DropReason.UNKNOWN_TYPE)
                                .ordinal()]++;
            }
        }

        @Override
        public void onMembership(MembershipMessage message) {
            if (currentFrom != null && !rateLimits.tryAcquire(currentFrom, message.type(), now())) {
                drops[DropReason.RATE_LIMITED.ordinal()]++;
                return;
            }
            boolean accepted;
            try {
                accepted = membership.onMessage(message);
            } catch (RuntimeException e) {
                drops[DropReason.HANDLER_ERROR.ordinal()]++;
                report("membership message " + message, e);
                return;
            }
            if (!accepted) {
                drops[DropReason.REJECTED_BY_MEMBERSHIP.ordinal()]++;
            }
        }

        @Override
        public void onDrop(DropReason reason) {
            drops[reason.ordinal()]++;
        }
    }

    /** The engine as its membership's context. */
    private final class Context implements MembershipContext {
        @Override
        public NodeId self() {
            return self;
        }

        @Override
        public long nanoTime() {
            return nanoClock.getAsLong();
        }

        @Override
        public RandomGenerator random() {
            return random;
        }

        @Override
        public void send(NodeId to, MembershipMessage message) {
            outbox.sendMembership(to, message);
        }

        @Override
        public void viewChanged(ViewChange change) {
            try {
                strategy.onViewChange(change);
            } catch (RuntimeException e) {
                report("dissemination view change", e);
            }
            try {
                events.onViewChange(change);
            } catch (RuntimeException | Error e) {
                rethrowIfFatal(e);
                drops[DropReason.HANDLER_ERROR.ordinal()]++;
                report("view listener", e);
            }
        }
    }
}
