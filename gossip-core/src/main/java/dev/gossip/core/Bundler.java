package dev.gossip.core;

import dev.gossip.Address;
import dev.gossip.spi.Codec;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Frame bundling: frames queued for one destination while the engine handles one input leave in
 * one datagram (a codec bundle, see {@link Codec#bundleHeaderBytes()}) up to the datagram limit;
 * with a linger above zero they may wait for later inputs, up to the linger. A destination with a
 * single frame gets that frame alone, byte for byte what an unbundled engine sends.
 *
 * <p>Allocation: a queued frame is first only <em>referenced</em> (the engine encodes a forwarded
 * frame once for all its destinations); it is copied into a pooled buffer of the destination when
 * a second frame joins it, or when the engine is about to overwrite the buffer it lives in ({@link
 * #beforeOverwrite}). Buffers return to the pool when sent, so the steady state allocates nothing.
 *
 * <p>The common case costs almost nothing: a message spread to several destinations is one frame
 * in one buffer, each destination getting it once ({@link #queueDistinct}). While nothing else is
 * queued, such frames are only listed (destination, and one buffer and length for all) and sent as
 * they are at the flush, with no lookup per destination; the first other frame queued, or an
 * overwrite of that buffer, turns the list into ordinary queue entries first, so what leaves is
 * byte for byte what the queue alone would send, in the same order. Not thread-safe.
 */
final class Bundler {

    /** Sends one datagram, counting the outcome; the buffer is read from position to limit. */
    interface Sink {
        boolean send(Address to, ByteBuffer datagram);
    }

    private final Codec codec;
    private final int maxDatagramBytes;
    private final long lingerNanos;
    private final Sink sink;
    private final boolean enabled;
    private final int headerBytes;
    private final int entryBytes;
    private final ArrayDeque<ByteBuffer> pool = new ArrayDeque<>();

    // The destinations with queued frames, as parallel arrays (entries 0 to count - 1), so that the
    // common case, one frame per destination per input, touches a few array slots and no object.
    private int count;
    private Address[] to = new Address[16];
    private int[] hash = new int[16];
    /** The only frame, still in the caller's buffer (not yet copied); {@code null} once copied. */
    private ByteBuffer[] reference = new ByteBuffer[16];

    private int[] referenceLength = new int[16];
    /** Header, entries and frames from index 0 to {@link #used}; {@code null} while referencing. */
    private ByteBuffer[] own = new ByteBuffer[16];

    private int[] used = new int[16];
    private int[] frames = new int[16];
    private int[] firstLength = new int[16];
    private long[] since = new long[16];
    private boolean[] payload = new boolean[16];
    private int referencing;

    // Frames queued by queueDistinct while nothing else is queued: one buffer and length for all,
    // one destination each (entries 0 to directCount - 1). directCount > 0 implies count == 0.
    private Address[] direct = new Address[16];
    private int directCount;
    private @Nullable ByteBuffer directBuffer;
    private int directLength;
    private boolean directPayload;

    private long framesQueued;
    private long datagramsFlushed;
    private long bundlesFlushed;
    private long payloadDatagrams;

    Bundler(Codec codec, int maxDatagramBytes, long lingerNanos, Sink sink) {
        this.codec = codec;
        this.maxDatagramBytes = maxDatagramBytes;
        this.lingerNanos = lingerNanos;
        this.sink = sink;
        int header = codec.bundleHeaderBytes();
        this.enabled = header >= 0;
        this.headerBytes = Math.max(0, header);
        this.entryBytes = enabled ? codec.bundleEntryBytes() : 0;
    }

    /** @return whether frames may wait past the end of an input, so queueing needs the time */
    boolean lingers() {
        return enabled && lingerNanos > 0;
    }

    /**
     * @return when the oldest frame still queued has waited the linger (the time of its queueing
     *     plus the linger), or {@link Long#MAX_VALUE} if nothing waits
     */
    long nextDue() {
        if (!lingers() || count == 0) {
            return Long.MAX_VALUE;
        }
        long oldest = since[0];
        for (int i = 1; i < count; i++) {
            if (since[i] - oldest < 0) {
                oldest = since[i];
            }
        }
        return oldest + lingerNanos;
    }

    /** @return whether frames are bundled at all (the codec supports it) */
    boolean enabled() {
        return enabled;
    }

    /**
     * Queues the frame in {@code src} from index 0 to {@code length}; without bundling it is sent at
     * once. The buffer must stay unchanged until the next {@link #flush} or {@link #beforeOverwrite}.
     *
     * @param carriesPayload whether the frame carries a message payload (counted in {@link #payloadDatagrams()})
     * @return {@code false} only if sent at once and the send failed
     */
    boolean queue(Address destination, ByteBuffer src, int length, long now, boolean carriesPayload) {
        if (!enabled) {
            src.limit(length).position(0);
            boolean sent = sink.send(destination, src);
            if (sent && carriesPayload) {
                payloadDatagrams++;
            }
            return sent;
        }
        if (directCount > 0) {
            spill();
        }
        framesQueued++;
        int h = destination.hashCode();
        int i = find(destination, h);
        if (i < 0) {
            i = open(destination, h, now);
            refer(i, src, length, carriesPayload);
            return true;
        }
        if (reference[i] != null) {
            materialize(i);
        }
        if (used[i] + entryBytes + length > maxDatagramBytes) {
            // the destination's datagram is full: send what it holds, start again with this frame
            send(i);
            since[i] = now;
            refer(i, src, length, carriesPayload);
            return true;
        }
        ByteBuffer buffer = own[i];
        codec.encodeBundleEntry(length, buffer.clear().position(used[i]));
        buffer.put(used[i] + entryBytes, src, 0, length);
        used[i] += entryBytes + length;
        frames[i]++;
        payload[i] |= carriesPayload;
        return true;
    }

    /**
     * Queues like {@link #queue}, for a caller that promises not to queue this buffer's frame for
     * {@code destination} again before the next {@link #flush} or {@link #beforeOverwrite} of the
     * buffer (a message spread once to distinct destinations). While nothing else is queued and
     * frames do not linger, the destination is only listed; see the class comment.
     */
    boolean queueDistinct(Address destination, ByteBuffer src, int length, long now, boolean carriesPayload) {
        if (!enabled || lingerNanos > 0 || count > 0) {
            return queue(destination, src, length, now, carriesPayload);
        }
        if (directCount > 0 && (directBuffer != src || directLength != length || directPayload != carriesPayload)) {
            return queue(destination, src, length, now, carriesPayload);
        }
        if (directCount == direct.length) {
            direct = Arrays.copyOf(direct, 2 * directCount);
        }
        directBuffer = src;
        directLength = length;
        directPayload = carriesPayload;
        direct[directCount++] = destination;
        framesQueued++;
        return true;
    }

    /** Turns the listed destinations into queue entries (distinct, and nothing else was queued). */
    private void spill() {
        int n = directCount;
        directCount = 0;
        // directCount > 0 implies directBuffer != null
        ByteBuffer buffer = Objects.requireNonNull(directBuffer);
        for (int k = 0; k < n; k++) {
            Address destination = direct[k];
            direct[k] = null;
            int i = open(destination, destination.hashCode(), 0L);
            refer(i, buffer, directLength, directPayload);
        }
        directBuffer = null;
    }

    private void refer(int i, ByteBuffer src, int length, boolean carriesPayload) {
        reference[i] = src;
        referenceLength[i] = length;
        frames[i] = 1;
        firstLength[i] = length;
        payload[i] = carriesPayload;
        referencing++;
    }

    /** Copies every frame that references {@code buffer}, which the caller is about to overwrite. */
    void beforeOverwrite(ByteBuffer buffer) {
        if (directCount > 0 && directBuffer == buffer) {
            spill();
        }
        if (referencing == 0) {
            return;
        }
        for (int i = 0; i < count; i++) {
            if (reference[i] == buffer) {
                materialize(i);
            }
        }
    }

    /**
     * Sends what is due: everything when the linger is zero or {@code all} is set, else the
     * destinations whose first frame has waited the linger (the rest is copied out of the
     * caller's buffers, which the next input overwrites).
     */
    void flush(long now, boolean all) {
        if (directCount > 0) {
            sendDirect();
        }
        if (count == 0) {
            return;
        }
        boolean everything = all || lingerNanos == 0;
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (everything || now - since[i] >= lingerNanos) {
                send(i);
                to[i] = null;
                continue;
            }
            if (reference[i] != null) {
                materialize(i);
            }
            if (kept != i) {
                move(i, kept);
            }
            kept++;
        }
        count = kept;
    }

    private void sendDirect() {
        // called only with directCount > 0, which implies directBuffer != null
        ByteBuffer datagram = Objects.requireNonNull(directBuffer);
        int length = directLength;
        boolean carriesPayload = directPayload;
        int n = directCount;
        directCount = 0;
        directBuffer = null;
        for (int k = 0; k < n; k++) {
            Address destination = direct[k];
            direct[k] = null;
            datagram.limit(length).position(0);
            datagramsFlushed++;
            if (sink.send(destination, datagram) && carriesPayload) {
                payloadDatagrams++;
            }
        }
    }

    long framesQueued() {
        return framesQueued;
    }

    long datagramsFlushed() {
        return datagramsFlushed;
    }

    long bundlesFlushed() {
        return bundlesFlushed;
    }

    /** @return datagrams sent that carried at least one message payload */
    long payloadDatagrams() {
        return payloadDatagrams;
    }

    private int find(Address destination, int h) {
        for (int i = 0; i < count; i++) {
            if (to[i] == destination || (hash[i] == h && to[i].equals(destination))) {
                return i;
            }
        }
        return -1;
    }

    private int open(Address destination, int h, long now) {
        if (count == to.length) {
            grow();
        }
        int i = count++;
        to[i] = destination;
        hash[i] = h;
        since[i] = now;
        used[i] = 0;
        own[i] = null;
        return i;
    }

    private void move(int from, int into) {
        to[into] = to[from];
        hash[into] = hash[from];
        reference[into] = reference[from];
        referenceLength[into] = referenceLength[from];
        own[into] = own[from];
        used[into] = used[from];
        frames[into] = frames[from];
        firstLength[into] = firstLength[from];
        since[into] = since[from];
        payload[into] = payload[from];
        to[from] = null;
        own[from] = null;
        reference[from] = null;
    }

    private void grow() {
        int n = 2 * to.length;
        to = Arrays.copyOf(to, n);
        hash = Arrays.copyOf(hash, n);
        reference = Arrays.copyOf(reference, n);
        referenceLength = Arrays.copyOf(referenceLength, n);
        own = Arrays.copyOf(own, n);
        used = Arrays.copyOf(used, n);
        frames = Arrays.copyOf(frames, n);
        firstLength = Arrays.copyOf(firstLength, n);
        since = Arrays.copyOf(since, n);
        payload = Arrays.copyOf(payload, n);
    }

    /** Copies a referenced single frame into a buffer of the destination's own. */
    private void materialize(int i) {
        ByteBuffer buffer = pool.isEmpty() ? ByteBuffer.allocate(maxDatagramBytes) : pool.pop();
        int start = headerBytes + entryBytes;
        buffer.clear();
        buffer.put(start, reference[i], 0, referenceLength[i]);
        own[i] = buffer;
        used[i] = start + referenceLength[i];
        reference[i] = null;
        referencing--;
    }

    private void send(int i) {
        ByteBuffer datagram;
        if (reference[i] != null) {
            datagram = reference[i];
            datagram.limit(referenceLength[i]).position(0);
            reference[i] = null;
            referencing--;
        } else if (frames[i] == 1) {
            datagram = own[i];
            datagram.limit(used[i]).position(headerBytes + entryBytes);
        } else {
            datagram = own[i];
            datagram.clear();
            codec.encodeBundleHeader(datagram);
            codec.encodeBundleEntry(firstLength[i], datagram);
            datagram.limit(used[i]).position(0);
            bundlesFlushed++;
        }
        datagramsFlushed++;
        if (sink.send(to[i], datagram) && payload[i]) {
            payloadDatagrams++;
        }
        payload[i] = false;
        if (own[i] != null) {
            pool.push(own[i]);
            own[i] = null;
        }
        used[i] = 0;
        frames[i] = 0;
    }
}
