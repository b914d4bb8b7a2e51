package dev.gossip.transport.inmem;

import dev.gossip.TransportConfig;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One delivery thread of an {@link InMemoryNetwork} and its bounded FIFO queue. Senders
 * {@link #offer} without blocking; the thread takes each envelope, copies it into one reused
 * buffer and hands it to the destination's receiver. Datagrams to one destination always go
 * through the same dispatcher, so they arrive in the order they were sent.
 *
 * <p>The loop ends only when the network closes; an interrupt from a receiver is cleared.
 */
final class Dispatcher implements Runnable {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final InMemoryNetwork network;
    private final NetworkCounters counters;
    private final BlockingQueue<Envelope> queue;
    private final ByteBuffer buffer = ByteBuffer.allocate(TransportConfig.MAX_DATAGRAM_BYTES);
    private final Thread thread;
    private boolean receiverErrorLogged;

    Dispatcher(InMemoryNetwork network, NetworkCounters counters, int capacity, String threadName) {
        this.network = network;
        this.counters = counters;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this, threadName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** @return {@code false} if the queue is full; never blocks */
    boolean offer(Envelope envelope) {
        return queue.offer(envelope);
    }

    @Override
    public void run() {
        while (!network.isClosed()) {
            Envelope envelope;
            try {
                envelope = queue.take();
            } catch (InterruptedException e) {
                continue; // close interrupts to wake us; a receiver's stray interrupt is ignored
            }
            try {
                dispatch(envelope);
            } finally {
                counters.inFlight.decrementAndGet();
            }
        }
    }

    private void dispatch(Envelope envelope) {
        InMemoryTransport destination = network.endpoint(envelope.to());
        if (destination == null) {
            counters.drop(DropCause.UNKNOWN_DESTINATION);
            return;
        }
        byte[] bytes = envelope.bytes();
        buffer.clear();
        buffer.put(bytes).flip();
        try {
            if (!destination.receive(envelope.from(), buffer, bytes.length)) {
                counters.drop(DropCause.UNKNOWN_DESTINATION);
            }
        } catch (Throwable t) { // receivers must not throw; survive one that does
            counters.receiverErrors.increment();
            LOG.log(receiverErrorLogged ? Level.DEBUG : Level.WARNING,
                    "the receiver of " + envelope.to() + " threw; dispatching goes on", t);
            receiverErrorLogged = true;
        }
    }

    /**
     * Waits for the thread to end (the network has marked itself closed and interrupted it), then
     * counts what was left queued.
     */
    void stop(long joinMillis) {
        if (thread != Thread.currentThread()) { // from a receiver: the loop sees the flag and ends
            thread.interrupt();
            try {
                thread.join(joinMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.log(Level.WARNING, "{0} did not stop within {1} ms of close", thread.getName(), joinMillis);
            }
        }
        List<Envelope> left = new ArrayList<>();
        queue.drainTo(left);
        for (int i = 0; i < left.size(); i++) {
            counters.drop(DropCause.DISCARDED_ON_CLOSE);
            counters.inFlight.decrementAndGet();
        }
    }

    Thread thread() {
        return thread;
    }
}
