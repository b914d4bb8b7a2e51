package dev.gossip.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Records, for the run in progress, which members delivered and when the last of them did. Called
 * concurrently from every member's delivery thread; a delivery of another run or a second one of
 * the same member is ignored.
 */
final class RaceRecorder implements DeliverySink {

    /** Bytes of every race message: the run number and padding, like a small application event. */
    static final int PAYLOAD_BYTES = 64;

    private volatile int run = -1;
    private volatile AtomicIntegerArray delivered = new AtomicIntegerArray(0);
    private volatile CountDownLatch remaining = new CountDownLatch(0);
    private volatile long lastDeliveryNanos;

    /**
     * Prepares a run in which every member but the origin must deliver.
     *
     * @param runNumber the run
     * @param members cluster size
     * @param origin the sender, which does not count
     */
    void begin(int runNumber, int members, int origin) {
        AtomicIntegerArray flags = new AtomicIntegerArray(members);
        flags.set(origin, 1);
        delivered = flags;
        remaining = new CountDownLatch(members - 1);
        lastDeliveryNanos = 0;
        run = runNumber;
    }

    @Override
    public void delivered(int member, ByteBuffer payload) {
        delivered(member, runOf(payload));
    }

    /**
     * A member delivered a message.
     *
     * @param member the member's index
     * @param runNumber the run carried by the message
     */
    void delivered(int member, int runNumber) {
        if (runNumber != run || run < 0 || !delivered.compareAndSet(member, 0, 1)) {
            return;
        }
        long now = System.nanoTime();
        CountDownLatch latch = remaining;
        if (latch.getCount() == 1) {
            lastDeliveryNanos = now;
        }
        latch.countDown();
    }

    /**
     * @param timeoutNanos how long to wait
     * @return the nanoTime of the last delivery, or -1 if not every member delivered in time
     * @throws InterruptedException if interrupted
     */
    long awaitAll(long timeoutNanos) throws InterruptedException {
        return remaining.await(timeoutNanos, TimeUnit.NANOSECONDS) ? lastDeliveryNanos : -1;
    }

    /** @return members of the current run that have not delivered yet */
    long missing() {
        return remaining.getCount();
    }

    /**
     * @param runNumber the run
     * @return a payload of {@link #PAYLOAD_BYTES} bytes starting with the run number
     */
    static byte[] payload(int runNumber) {
        return ByteBuffer.allocate(PAYLOAD_BYTES).putInt(0, runNumber).array();
    }

    /**
     * @param payload a payload made by {@link #payload}
     * @return its run number, or -1 if it is too short
     */
    static int runOf(ByteBuffer payload) {
        return payload.remaining() < Integer.BYTES ? -1 : payload.getInt(payload.position());
    }
}
