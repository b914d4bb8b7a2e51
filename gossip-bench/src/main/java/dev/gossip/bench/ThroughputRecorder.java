package dev.gossip.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Counts, for the step in progress, the first delivery of each of its messages at each member (the
 * sender excluded) and records its latency. Messages carry their step, sender, sequence number and
 * time it was due to be sent ({@link #payload}); a delivery of another step's message, a second delivery of the same
 * message at the same member, and anything after {@link #close} are ignored. Called concurrently
 * from every member's delivery thread; allocates nothing per delivery.
 */
final class ThroughputRecorder implements DeliverySink {

    /** Marks a throughput message: "THRU". */
    static final int MAGIC = 0x54485255;
    /** Magic, step, sender, sequence number, time due. */
    static final int HEADER_BYTES = 4 + 4 + 4 + 4 + 8;

    /** The accounting of one step. */
    private static final class Step {
        final int id;
        final int[] senderMembers;
        final int perSender;
        final AtomicLongArray seen;
        final LongAdder deliveries = new LongAdder();
        final LatencyHistogram latency = new LatencyHistogram();
        volatile boolean open = true;

        Step(int id, int members, int[] senderMembers, int perSender) {
            this.id = id;
            this.senderMembers = senderMembers;
            this.perSender = perSender;
            long bits = (long) members * senderMembers.length * perSender;
            if (bits > 64L * Integer.MAX_VALUE) {
                throw new IllegalArgumentException("too many messages per step to track: " + bits + " deliveries");
            }
            this.seen = new AtomicLongArray((int) ((bits + 63) / 64));
        }
    }

    private volatile @Nullable Step step;

    /**
     * Starts counting a step's deliveries.
     *
     * @param id the step, carried by its messages
     * @param members cluster size
     * @param senderMembers the member each sender sends from (its own deliveries do not count)
     * @param perSender the most messages one sender sends in the step
     */
    void begin(int id, int members, int[] senderMembers, int perSender) {
        step = new Step(id, members, senderMembers.clone(), Math.max(1, perSender));
    }

    /** Stops counting: later deliveries are ignored. */
    void close() {
        Step s = step;
        if (s != null) {
            s.open = false;
        }
    }

    /** @return deliveries counted in the current step */
    long deliveries() {
        Step s = step;
        return s == null ? 0 : s.deliveries.sum();
    }

    /**
     * @param p a percentile in (0, 1]
     * @return the current step's latency at {@code p}, in milliseconds; NaN if nothing was delivered
     */
    double latencyMillis(double p) {
        Step s = step;
        return s == null ? Double.NaN : s.latency.percentile(p) / 1e6;
    }

    @Override
    public void delivered(int member, ByteBuffer payload) {
        Step s = step;
        if (s == null || !s.open || payload.remaining() < HEADER_BYTES) {
            return;
        }
        int at = payload.position();
        if (payload.getInt(at) != MAGIC || payload.getInt(at + 4) != s.id) {
            return;
        }
        int sender = payload.getInt(at + 8);
        int seq = payload.getInt(at + 12);
        long dueNanos = payload.getLong(at + 16);
        if (sender < 0
                || sender >= s.senderMembers.length
                || seq < 0
                || seq >= s.perSender
                || member == s.senderMembers[sender]) {
            return;
        }
        long bit = ((long) member * s.senderMembers.length + sender) * s.perSender + seq;
        int word = (int) (bit >>> 6);
        long mask = 1L << bit;
        long old;
        do {
            old = s.seen.get(word);
            if ((old & mask) != 0) {
                return;
            }
        } while (!s.seen.compareAndSet(word, old, old | mask));
        s.deliveries.increment();
        s.latency.record(System.nanoTime() - dueNanos);
    }

    /**
     * Writes a message's header into {@code payload} (the rest is left as it is).
     *
     * @param payload at least {@link #HEADER_BYTES} long
     * @param step the step
     * @param sender the sender's index
     * @param seq the sender's sequence number in the step
     * @param dueNanos the {@link System#nanoTime()} at which it was due to be sent; latency counts from it
     * @return {@code payload}
     */
    static byte[] payload(byte[] payload, int step, int sender, int seq, long dueNanos) {
        ByteBuffer.wrap(payload)
                .putInt(MAGIC)
                .putInt(step)
                .putInt(sender)
                .putInt(seq)
                .putLong(dueNanos);
        return payload;
    }
}
