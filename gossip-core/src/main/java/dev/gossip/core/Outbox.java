package dev.gossip.core;

import dev.gossip.Address;
import dev.gossip.DropReason;
import dev.gossip.NodeId;
import dev.gossip.spi.Codec;
import dev.gossip.spi.GossipFrame;
import dev.gossip.spi.MembershipMessage;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine's sending side: encodes frames, queues them per destination in a {@link Bundler} and
 * counts what leaves. The message being spread (a received frame, or this node's own broadcast) is
 * encoded once, on the first push, into a payload scratch buffer; control frames (membership,
 * anti-entropy, tree) go through a second buffer, so they never overwrite it. Not thread-safe.
 */
final class Outbox {

    private final Codec codec;
    private final GossipEngine.Outbound outbound;
    private final Bundler bundler;
    private final ByteBuffer scratch;
    private final ByteBuffer controlScratch;
    private final long[] drops;
    private final BiConsumer<String, Throwable> report;
    private final LongSupplier now;

    /** The message being spread: a received frame, or {@code null} with {@link #ownPayload} set. */
    private @Nullable GossipFrame currentFrame;

    private long ownHigh;
    private long ownLow;
    private @Nullable NodeId ownOrigin;
    private @Nullable ByteBuffer ownPayload;
    /** Length of the current message's frame in {@link #scratch}, or -1 if not encoded there now. */
    private int currentLength = -1;

    private long datagramsSent;
    private long forwarded;

    /**
     * @param drops the engine's drop counters, by {@link DropReason} ordinal
     * @param report where encoding and sending failures are reported
     * @param now the time of the current input
     */
    Outbox(
            Codec codec,
            GossipEngine.Outbound outbound,
            long lingerNanos,
            long[] drops,
            BiConsumer<String, Throwable> report,
            LongSupplier now) {
        this.codec = codec;
        this.outbound = outbound;
        this.drops = drops;
        this.report = report;
        this.now = now;
        this.scratch = ByteBuffer.allocate(outbound.maxDatagramBytes());
        this.controlScratch = ByteBuffer.allocate(outbound.maxDatagramBytes());
        this.bundler = new Bundler(codec, outbound.maxDatagramBytes(), lingerNanos, this::sendNow);
    }

    /** Makes a received frame the current message; valid until {@link #endCurrent}. */
    void startCurrent(GossipFrame frame) {
        currentFrame = frame;
        currentLength = -1;
    }

    /** Makes this node's own broadcast the current message; valid until {@link #endCurrent}. */
    void startOwn(long high, long low, NodeId origin, ByteBuffer payload) {
        currentFrame = null;
        ownHigh = high;
        ownLow = low;
        ownOrigin = origin;
        ownPayload = payload;
        currentLength = -1;
    }

    /** The current message's buffers are about to go; what was queued stays valid in scratch. */
    void endCurrent() {
        currentFrame = null;
        ownPayload = null;
        currentLength = -1;
    }

    /**
     * Queues the current message's payload for {@code to}, encoding it on the first call.
     *
     * @return whether it was queued or sent
     */
    boolean pushCurrent(Address to) {
        if (currentLength < 0) {
            if (currentFrame == null && ownPayload == null) {
                return false;
            }
            bundler.beforeOverwrite(scratch);
            scratch.clear();
            try {
                if (currentFrame != null) {
                    codec.encodeForward(currentFrame, scratch);
                } else if (ownOrigin != null && ownPayload != null) { // set together by startOwn
                    codec.encodeGossip(ownHigh, ownLow, ownOrigin, 0, ownPayload, scratch);
                }
            } catch (RuntimeException e) {
                drops[DropReason.HANDLER_ERROR.ordinal()]++;
                report.accept("encoding a gossip frame", e);
                return false;
            }
            currentLength = scratch.position();
        }
        // a strategy pushes the current message to each destination once (DisseminationStrategy.spread)
        boolean queued =
                bundler.queueDistinct(to, scratch, currentLength, bundler.lingers() ? now.getAsLong() : 0L, true);
        if (queued && currentFrame != null) {
            forwarded++;
        }
        return queued;
    }

    /** Encodes a list of ids as an anti-entropy or tree frame of {@code kind} and queues it for {@code to}. */
    boolean sendIds(Address to, int kind, long[] ids, int count) {
        bundler.beforeOverwrite(controlScratch);
        controlScratch.clear();
        try {
            codec.encodeDigest(kind, ids, count, controlScratch);
        } catch (RuntimeException e) {
            drops[DropReason.SEND_FAILED.ordinal()]++;
            report.accept("encoding an id frame (kind " + kind + ") for " + to, e);
            return false;
        }
        return queue(to, controlScratch, controlScratch.position(), false);
    }

    /** Encodes a membership message and queues it for {@code to}. */
    void sendMembership(NodeId to, MembershipMessage message) {
        bundler.beforeOverwrite(controlScratch);
        controlScratch.clear();
        try {
            codec.encodeMembership(message, controlScratch);
        } catch (RuntimeException e) {
            drops[DropReason.SEND_FAILED.ordinal()]++;
            report.accept("encoding membership message " + message + " for " + to, e);
            return;
        }
        queue(to.address(), controlScratch, controlScratch.position(), false);
    }

    /** Queues the message in history slot {@code slot} for {@code to}, one hop further. */
    boolean sendFromHistory(Address to, PayloadHistory history, int slot) {
        bundler.beforeOverwrite(scratch);
        currentLength = -1;
        scratch.clear();
        try {
            codec.encodeGossip(
                    history.high(slot),
                    history.low(slot),
                    history.origin(slot),
                    Math.min(255, history.hops(slot) + 1),
                    history.payload(slot),
                    scratch);
        } catch (RuntimeException e) {
            drops[DropReason.SEND_FAILED.ordinal()]++;
            report.accept("encoding a repair for " + to, e);
            return false;
        }
        return queue(to, scratch, scratch.position(), true);
    }

    /** The end of an input: the queued frames leave (all of them, or those that lingered enough). */
    void flush() {
        flush(false);
    }

    /**
     * The end of the node's last input (a leave): every queued frame leaves now, lingering or not,
     * since no later input or timer will send it.
     */
    void flushAll() {
        flush(true);
    }

    private void flush(boolean all) {
        endCurrent();
        try {
            bundler.flush(bundler.lingers() ? now.getAsLong() : 0L, all);
        } catch (RuntimeException e) {
            report.accept("flushing queued frames", e);
        }
    }

    /** @return when frames held for the linger are due, or {@link Long#MAX_VALUE} if none wait */
    long nextDue() {
        return bundler.nextDue();
    }

    long datagramsSent() {
        return datagramsSent;
    }

    long forwarded() {
        return forwarded;
    }

    /** Adds {@code datagrams.payload} and, with bundling, {@code bundling.*} to {@code counters}. */
    void addCounters(Map<String, Long> counters) {
        counters.put("datagrams.payload", bundler.payloadDatagrams());
        if (bundler.enabled()) {
            counters.put("bundling.framesQueued", bundler.framesQueued());
            counters.put("bundling.datagrams", bundler.datagramsFlushed());
            counters.put("bundling.bundles", bundler.bundlesFlushed());
        }
    }

    private boolean queue(Address to, ByteBuffer buffer, int length, boolean payload) {
        return bundler.queue(to, buffer, length, bundler.lingers() ? now.getAsLong() : 0L, payload);
    }

    /** Sends one datagram now; counts the outcome. */
    private boolean sendNow(Address to, ByteBuffer datagram) {
        boolean sent;
        try {
            sent = outbound.send(to, datagram);
        } catch (RuntimeException e) {
            report.accept("sending to " + to, e);
            sent = false;
        }
        if (sent) {
            datagramsSent++;
        } else {
            drops[DropReason.SEND_FAILED.ordinal()]++;
        }
        return sent;
    }
}
