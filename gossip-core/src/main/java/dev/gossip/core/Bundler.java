package dev.gossip.core;

import dev.gossip.Address;
import dev.gossip.spi.Codec;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

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
 * Not thread-safe.
 */
final class Bundler {

    /** Sends one datagram, counting the outcome; the buffer is read from position to limit. */
    interface Sink {
        boolean send(Address to, ByteBuffer datagram);
    }

    /** One destination's queued frames. */
    private static final class Pending {
        Address to;
        /** Non-null while the only frame is referenced, not yet copied. */
        ByteBuffer reference;
        int referenceLength;
        /** Holds header, entries and frames from index 0 to {@link #used}; null while referencing. */
        ByteBuffer own;
        int used;
        int frames;
        int firstLength;
        long since;
        boolean payload;
    }

    private final Codec codec;
    private final int maxDatagramBytes;
    private final long lingerNanos;
    private final Sink sink;
    private final boolean enabled;
    private final int headerBytes;
    private final int entryBytes;
    private final ArrayDeque<ByteBuffer> pool = new ArrayDeque<>();
    private Pending[] active = new Pending[16];
    private int activeCount;
    private final ArrayDeque<Pending> spare = new ArrayDeque<>();
    private int referencing;

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

    /** @return whether frames are bundled at all (the codec supports it) */
    boolean enabled() {
        return enabled;
    }

    /**
     * Queues the frame in {@code src} from index 0 to {@code length}; without bundling it is sent at
     * once. The buffer must stay unchanged until the next {@link #flush} or {@link #beforeOverwrite}.
     *
     * @param payload whether the frame carries a message payload (counted in {@link #payloadDatagrams()})
     * @return {@code false} only if sent at once and the send failed
     */
    boolean queue(Address to, ByteBuffer src, int length, long now, boolean payload) {
        if (!enabled) {
            src.limit(length).position(0);
            boolean sent = sink.send(to, src);
            if (sent && payload) {
                payloadDatagrams++;
            }
            return sent;
        }
        framesQueued++;
        Pending p = find(to);
        if (p == null) {
            p = open(to, now);
            p.payload = payload;
            p.reference = src;
            p.referenceLength = length;
            p.frames = 1;
            p.firstLength = length;
            referencing++;
            return true;
        }
        if (p.reference != null) {
            materialize(p);
        }
        if (p.used + entryBytes + length > maxDatagramBytes) {
            // the destination's datagram is full: send what it holds, start again with this frame
            send(p);
            p.since = now;
            p.payload = payload;
            p.reference = src;
            p.referenceLength = length;
            p.frames = 1;
            p.firstLength = length;
            referencing++;
            return true;
        }
        codec.encodeBundleEntry(length, p.own.clear().position(p.used));
        p.own.put(p.used + entryBytes, src, 0, length);
        p.used += entryBytes + length;
        p.frames++;
        p.payload |= payload;
        return true;
    }

    /** Copies every frame that references {@code buffer}, which the caller is about to overwrite. */
    void beforeOverwrite(ByteBuffer buffer) {
        if (referencing == 0) {
            return;
        }
        for (int i = 0; i < activeCount; i++) {
            if (active[i].reference == buffer) {
                materialize(active[i]);
            }
        }
    }

    /**
     * Sends what is due: everything when the linger is zero or {@code all} is set, else the
     * destinations whose first frame has waited the linger (the rest is copied out of the
     * caller's buffers, which the next input overwrites).
     */
    void flush(long now, boolean all) {
        if (activeCount == 0) {
            return;
        }
        boolean everything = all || lingerNanos == 0;
        int kept = 0;
        for (int i = 0; i < activeCount; i++) {
            Pending p = active[i];
            if (everything || now - p.since >= lingerNanos) {
                send(p);
                release(p);
            } else {
                if (p.reference != null) {
                    materialize(p);
                }
                active[kept++] = p;
            }
        }
        for (int i = kept; i < activeCount; i++) {
            active[i] = null;
        }
        activeCount = kept;
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

    private Pending find(Address to) {
        for (int i = 0; i < activeCount; i++) {
            Address a = active[i].to;
            if (a == to) {
                return active[i];
            }
        }
        for (int i = 0; i < activeCount; i++) {
            if (active[i].to.equals(to)) {
                return active[i];
            }
        }
        return null;
    }

    private Pending open(Address to, long now) {
        Pending p = spare.isEmpty() ? new Pending() : spare.pop();
        p.to = to;
        p.since = now;
        p.used = 0;
        p.frames = 0;
        if (activeCount == active.length) {
            active = java.util.Arrays.copyOf(active, activeCount * 2);
        }
        active[activeCount++] = p;
        return p;
    }

    /** Copies a referenced single frame into a buffer of the destination's own. */
    private void materialize(Pending p) {
        ByteBuffer own = pool.isEmpty() ? ByteBuffer.allocate(maxDatagramBytes) : pool.pop();
        int start = headerBytes + entryBytes;
        own.clear();
        own.put(start, p.reference, 0, p.referenceLength);
        p.own = own;
        p.used = start + p.referenceLength;
        p.reference = null;
        referencing--;
    }

    private void send(Pending p) {
        ByteBuffer datagram;
        if (p.reference != null) {
            datagram = p.reference;
            datagram.limit(p.referenceLength).position(0);
            referencing--;
            p.reference = null;
        } else if (p.frames == 1) {
            datagram = p.own;
            datagram.limit(p.used).position(headerBytes + entryBytes);
        } else {
            datagram = p.own;
            datagram.clear();
            codec.encodeBundleHeader(datagram);
            codec.encodeBundleEntry(p.firstLength, datagram);
            datagram.limit(p.used).position(0);
            bundlesFlushed++;
        }
        datagramsFlushed++;
        if (sink.send(p.to, datagram) && p.payload) {
            payloadDatagrams++;
        }
        p.payload = false;
        if (p.own != null) {
            pool.push(p.own);
            p.own = null;
        }
        p.used = 0;
        p.frames = 0;
    }

    private void release(Pending p) {
        p.to = null;
        spare.push(p);
    }
}
