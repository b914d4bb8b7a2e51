package dev.gossip.core;

import dev.gossip.Address;
import dev.gossip.Delivery;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Gossip dissemination over a partial-view membership, as a sans-IO state machine: inputs are
 * received datagrams, timer ticks and API calls; outputs are datagrams handed to an {@link Outbound}
 * and events handed to {@link Events}. Time and randomness are injected, so the same engine runs
 * over UDP, in memory, in a simulator and in benchmarks.
 *
 * <p>Dissemination follows the paper's model: a node delivers a message on its first receipt and
 * forwards it once to every partial-view member except the node it came from; later copies are
 * counted as duplicates and dropped. Message ids are remembered in a bounded {@link SeenMessages}
 * of {@link GossipConfig#dedupCapacity()} ids. A node records the ids of its own broadcasts, so
 * echoes are duplicates; it delivers its own messages only if {@link
 * GossipConfig#deliverOwnMessages()} is set.
 *
 * <p>Errors: {@link #onDatagram} never throws. Every undecodable or rejected datagram is counted by
 * {@link DropReason}; a listener or membership that throws is counted as {@link
 * DropReason#HANDLER_ERROR} and reported to {@link Events#onError}, and the message is still
 * forwarded.
 *
 * <p>Anti-entropy ({@link GossipConfig#antiEntropy()}, off by default): every interval, on a
 * timer tick, the engine sends a digest of recent message ids to one random partial-view member;
 * the two nodes then request from each other the messages each lacks, which are sent again as
 * ordinary gossip frames (delivered and forwarded like any first receipt). See {@link
 * dev.gossip.AntiEntropyConfig}. Digests, replies and requests are rate-limited per sender like
 * membership messages; when anti-entropy is off, received anti-entropy frames are dropped as
 * {@link DropReason#UNKNOWN_TYPE}.
 *
 * <p>Allocation: receiving, de-duplicating, delivering and forwarding a gossip frame allocates
 * nothing once the duplicate filter has grown (given a codec that does not, like {@code binary}) and
 * anti-entropy is off; with it on, each first receipt copies its payload into the history.
 * Frames are encoded into one scratch buffer of {@link Outbound#maxDatagramBytes()} bytes.
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
    /** Rate-limit type of anti-entropy frames: kind + this, clear of the membership's small types. */
    private static final int DIGEST_RATE_TYPE = 12;

    private final GossipConfig config;
    private final NodeId self;
    private final Codec codec;
    private final RandomGenerator random;
    private final LongSupplier nanoClock;
    private final Outbound outbound;
    private final Events events;
    private final SeenMessages seen;
    private final ByteBuffer scratch;
    private final Receiver receiver = new Receiver();
    private final Membership membership;
    private final SenderRateLimits rateLimits;
    /** {@code null} when anti-entropy is off. */
    private final AntiEntropy antiEntropy;

    /** The source of the datagram being decoded, for the handler methods. */
    private Address currentFrom;

    private long datagramsSent;
    private long datagramsReceived;
    private long broadcasts;
    private long delivered;
    private long duplicates;
    private long forwarded;
    private final long[] drops = new long[REASONS.length];

    /**
     * Creates an engine and its membership ({@code membership.create(config.membership(), ...)}),
     * with this engine as the membership's {@link MembershipContext}.
     *
     * @param config limits ({@link GossipConfig#maxPayloadBytes()}, {@link GossipConfig#dedupCapacity()})
     *     and the membership settings
     * @param self this node's id (its advertised address)
     * @param codec the wire format
     * @param membership creates the membership protocol
     * @param random message ids and the membership's randomness
     * @param nanoClock monotonic time in nanoseconds, for the membership
     * @param outbound where datagrams go
     * @param events where deliveries, view changes and errors go
     */
    public GossipEngine(GossipConfig config, NodeId self, Codec codec, MembershipProvider membership,
                        RandomGenerator random, LongSupplier nanoClock, Outbound outbound, Events events) {
        this.config = Objects.requireNonNull(config, "config");
        this.self = Objects.requireNonNull(self, "self");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.random = Objects.requireNonNull(random, "random");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.events = Objects.requireNonNull(events, "events");
        this.seen = new SeenMessages(config.dedupCapacity());
        this.scratch = ByteBuffer.allocate(outbound.maxDatagramBytes());
        this.rateLimits = new SenderRateLimits(config.rateLimit().perSecond(), config.rateLimit().burst(),
                config.rateLimit().maxSenders());
        this.antiEntropy = config.antiEntropy().enabled()
                ? new AntiEntropy(config.antiEntropy(), nanoClock.getAsLong(), random) : null;
        this.membership = Objects.requireNonNull(
                Objects.requireNonNull(membership, "membership").create(config.membership(), new Context()),
                "membership provider returned null");
    }

    /**
     * Handles one received datagram: a gossip frame is de-duplicated, delivered and forwarded; a
     * membership message goes to the membership; anything else is counted as a drop. Never throws.
     *
     * @param from the sender's address as the network reports it
     * @param datagram the bytes, from position to limit; read during the call only
     */
    public void onDatagram(Address from, ByteBuffer datagram) {
        datagramsReceived++;
        currentFrom = from;
        try {
            codec.decode(datagram, receiver);
        } catch (RuntimeException e) {
            drops[DropReason.HANDLER_ERROR.ordinal()]++;
            report("decoding a datagram from " + from, e);
        } finally {
            currentFrom = null;
        }
    }

    /**
     * Counts a datagram the transport dropped before the engine saw it.
     *
     * @param from the sender, or {@code null} if unknown
     * @param reason why it was dropped
     */
    public void onTransportDrop(Address from, DropReason reason) {
        drops[reason.ordinal()]++;
    }

    /**
     * Advances the membership's timers and, when anti-entropy is on and its interval has passed,
     * sends a digest; call every {@link GossipConfig#tickInterval()}. Never throws.
     */
    public void onTick() {
        try {
            membership.onTick();
        } catch (RuntimeException e) {
            report("membership tick", e);
        }
        if (antiEntropy != null && antiEntropy.due(nanoClock.getAsLong())) {
            List<NodeId> view = membership.partialView();
            if (!view.isEmpty()) {
                Address to = view.get(random.nextInt(view.size())).address();
                if (sendIds(to, DigestFrame.DIGEST, antiEntropy.fillDigest())) {
                    antiEntropy.digestSent();
                }
            }
        }
    }

    /**
     * Broadcasts a message: picks a random 128-bit id, encodes the frame once and sends it to every
     * partial-view member.
     *
     * @param payload the bytes from position to limit; its position is not changed
     * @return the message id
     * @throws PayloadTooLargeException if the payload exceeds {@link GossipConfig#maxPayloadBytes()}
     *     or the frame exceeds {@link Outbound#maxDatagramBytes()}; nothing is sent then
     */
    public MessageId broadcast(ByteBuffer payload) {
        int size = payload.remaining();
        if (size > config.maxPayloadBytes()) {
            throw new PayloadTooLargeException("payload of " + size + " bytes exceeds maxPayloadBytes "
                    + config.maxPayloadBytes(), size, config.maxPayloadBytes());
        }
        int frameSize = codec.gossipOverhead(self) + size;
        if (frameSize > outbound.maxDatagramBytes()) {
            throw new PayloadTooLargeException("frame of " + frameSize + " bytes (payload " + size
                    + " + header " + (frameSize - size) + ") exceeds the transport's maximum datagram of "
                    + outbound.maxDatagramBytes() + " bytes", frameSize, outbound.maxDatagramBytes());
        }
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (!seen.add(high, low));
        scratch.clear();
        codec.encodeGossip(high, low, self, 0, payload, scratch);
        int length = scratch.position();
        broadcasts++;
        if (antiEntropy != null) {
            antiEntropy.history().record(high, low, self, 0, payload);
        }
        List<NodeId> view = membership.partialView();
        for (int i = 0; i < view.size(); i++) {
            sendScratch(view.get(i).address(), length);
        }
        if (config.deliverOwnMessages()) {
            deliver(new OwnDelivery(high, low, self, payload.asReadOnlyBuffer()));
        }
        return new MessageId(high, low);
    }

    /**
     * Subscribes through {@code contact}; see {@link Membership#join}.
     *
     * @param contact a node of the cluster, not this one
     */
    public void join(NodeId contact) {
        membership.join(contact);
    }

    /** Leaves the cluster gracefully; see {@link Membership#leave}. */
    public void leave() {
        membership.leave();
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
        Map<String, Long> counters = membership.counters();
        if (antiEntropy != null) {
            counters = new LinkedHashMap<>(counters);
            antiEntropy.addCounters(counters);
        }
        return new NodeSnapshot(self, state, membership.partialView(), membership.inView(),
                membership.estimatedSize(), datagramsSent, datagramsReceived, broadcasts, delivered,
                duplicates, forwarded, dropMap, counters);
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

    private void forward(GossipFrame frame, Address from) {
        List<NodeId> view = membership.partialView();
        int length = -1;
        for (int i = 0; i < view.size(); i++) {
            Address to = view.get(i).address();
            if (to.equals(from)) {
                continue;
            }
            if (length < 0) {
                scratch.clear();
                try {
                    codec.encodeForward(frame, scratch);
                } catch (RuntimeException e) {
                    drops[DropReason.HANDLER_ERROR.ordinal()]++;
                    report("encoding a forwarded frame", e);
                    return;
                }
                length = scratch.position();
            }
            if (sendScratch(to, length)) {
                forwarded++;
            }
        }
    }

    /** Encodes the first {@code count} ids of the anti-entropy buffer as a frame of {@code kind}; sends it. */
    private boolean sendIds(Address to, int kind, int count) {
        scratch.clear();
        try {
            codec.encodeDigest(kind, antiEntropy.ids(), count, scratch);
        } catch (RuntimeException e) {
            drops[DropReason.SEND_FAILED.ordinal()]++;
            report("encoding an anti-entropy frame for " + to, e);
            return false;
        }
        return sendScratch(to, scratch.position());
    }

    /** Requests from the sender of {@code frame} the ids it lists that this node has not seen. */
    private void requestMissing(DigestFrame frame, Address from) {
        long[] ids = antiEntropy.ids();
        int n = 0;
        for (int i = 0; i < frame.count() && n < antiEntropy.maxIds(); i++) {
            long high = frame.idHigh(i);
            long low = frame.idLow(i);
            if (!seen.contains(high, low) && antiEntropy.markRequested(high, low)) {
                ids[2 * n] = high;
                ids[2 * n + 1] = low;
                n++;
            }
        }
        if (n > 0 && sendIds(from, DigestFrame.REQUEST, n)) {
            antiEntropy.requested(n);
        }
    }

    /** Sends the requested messages this node still holds, at most {@code maxDigestIds} of them. */
    private void repair(DigestFrame frame, Address to) {
        PayloadHistory history = antiEntropy.history();
        int count = Math.min(frame.count(), antiEntropy.maxIds());
        for (int i = 0; i < count; i++) {
            int slot = history.find(frame.idHigh(i), frame.idLow(i));
            if (slot < 0) {
                antiEntropy.repairUnavailable();
                continue;
            }
            scratch.clear();
            try {
                codec.encodeGossip(history.high(slot), history.low(slot), history.origin(slot),
                        Math.min(255, history.hops(slot) + 1), history.payload(slot), scratch);
            } catch (RuntimeException e) {
                drops[DropReason.SEND_FAILED.ordinal()]++;
                report("encoding a repair for " + to, e);
                continue;
            }
            if (sendScratch(to, scratch.position())) {
                antiEntropy.repairSent();
            }
        }
    }

    /** Sends the first {@code length} bytes of the scratch buffer; counts the outcome. */
    private boolean sendScratch(Address to, int length) {
        scratch.limit(length).position(0);
        boolean sent;
        try {
            sent = outbound.send(to, scratch);
        } catch (RuntimeException e) {
            report("sending to " + to, e);
            sent = false;
        }
        if (sent) {
            datagramsSent++;
        } else {
            drops[DropReason.SEND_FAILED.ordinal()]++;
        }
        return sent;
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
                return;
            }
            deliver(frame);
            if (antiEntropy != null) {
                antiEntropy.history().record(frame.idHigh(), frame.idLow(), frame.origin(), frame.hops(),
                        frame.payload());
            }
            forward(frame, currentFrom);
        }

        @Override
        public void onDigest(DigestFrame frame) {
            Address from = currentFrom;
            if (antiEntropy == null || from == null) {
                drops[DropReason.UNKNOWN_TYPE.ordinal()]++;
                return;
            }
            if (!rateLimits.tryAcquire(from, DIGEST_RATE_TYPE + frame.kind(), nanoClock.getAsLong())) {
                drops[DropReason.RATE_LIMITED.ordinal()]++;
                return;
            }
            switch (frame.kind()) {
                case DigestFrame.DIGEST -> {
                    antiEntropy.digestReceived();
                    requestMissing(frame, from);
                    sendIds(from, DigestFrame.DIGEST_REPLY, antiEntropy.fillDigest());
                }
                case DigestFrame.DIGEST_REPLY -> {
                    antiEntropy.digestReceived();
                    requestMissing(frame, from);
                }
                case DigestFrame.REQUEST -> repair(frame, from);
                default -> drops[DropReason.MALFORMED.ordinal()]++;
            }
        }

        @Override
        public void onMembership(MembershipMessage message) {
            if (currentFrom != null && !rateLimits.tryAcquire(currentFrom, message.type(), nanoClock.getAsLong())) {
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
            scratch.clear();
            try {
                codec.encodeMembership(message, scratch);
            } catch (RuntimeException e) {
                drops[DropReason.SEND_FAILED.ordinal()]++;
                report("encoding membership message " + message + " for " + to, e);
                return;
            }
            sendScratch(to.address(), scratch.position());
        }

        @Override
        public void viewChanged(ViewChange change) {
            try {
                events.onViewChange(change);
            } catch (RuntimeException | Error e) {
                rethrowIfFatal(e);
                drops[DropReason.HANDLER_ERROR.ordinal()]++;
                report("view listener", e);
            }
        }
    }

    /** This node's own broadcast, delivered locally when {@link GossipConfig#deliverOwnMessages()}. */
    private record OwnDelivery(long idHigh, long idLow, NodeId origin, ByteBuffer view) implements Delivery {
        @Override
        public MessageId id() {
            return new MessageId(idHigh, idLow);
        }

        @Override
        public int hops() {
            return 0;
        }

        @Override
        public ByteBuffer payload() {
            return view.duplicate();
        }
    }
}
