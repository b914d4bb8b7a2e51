package dev.gossip.transport.inmem;

import dev.gossip.TransportConfig;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One delivery thread of an {@link InMemoryNetwork} and its bounded queue, ordered by due time and
 * then by send sequence (so without delays it is a FIFO). Senders {@link #offer} without blocking;
 * the thread waits until the head is due, copies it into one reused buffer and hands it to the
 * destination's receiver, unless the destination is crashed (dropped) or paused (held). Datagrams
 * to one destination always go through the same dispatcher, so undelayed ones arrive in the order
 * they were sent.
 *
 * <p>The loop ends only when the network closes; an interrupt from a receiver is cleared.
 */
final class Dispatcher implements Runnable {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final InMemoryNetwork network;
    private final NetworkCounters counters;
    private final int capacity;
    private final PriorityQueue<Envelope> queue = new PriorityQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ByteBuffer buffer = ByteBuffer.allocate(TransportConfig.MAX_DATAGRAM_BYTES);
    private final Thread thread;
    private boolean receiverErrorLogged;

    Dispatcher(InMemoryNetwork network, NetworkCounters counters, int capacity, String threadName) {
        this.network = network;
        this.counters = counters;
        this.capacity = capacity;
        this.thread = new Thread(this, threadName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** @return {@code false} if the queue is full; never blocks for long */
    boolean offer(Envelope envelope) {
        lock.lock();
        try {
            if (queue.size() >= capacity) {
                return false;
            }
            queue.add(envelope);
            if (queue.peek() == envelope) {
                changed.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void run() {
        while (!network.isClosed()) {
            Envelope envelope;
            try {
                envelope = take();
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

    private Envelope take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                Envelope head = queue.peek();
                if (head == null) {
                    changed.await();
                    continue;
                }
                long wait = head.due() == 0 ? 0 : head.due() - network.nanoTime();
                if (wait <= 0) {
                    return queue.poll();
                }
                changed.await(wait, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private void dispatch(Envelope envelope) {
        if (!network.nodeStates().admitDelivery(envelope)) {
            return; // dropped as crashed, or held by a pause (counted there)
        }
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
            LOG.log(
                    receiverErrorLogged ? Level.DEBUG : Level.WARNING,
                    "the receiver of " + envelope.to() + " threw; dispatching goes on",
                    t);
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
        List<Envelope> left;
        lock.lock();
        try {
            left = new ArrayList<>(queue);
            queue.clear();
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < left.size(); i++) {
            counters.drop(DropCause.DISCARDED_ON_CLOSE);
            counters.inFlight.decrementAndGet();
        }
    }

    Thread thread() {
        return thread;
    }
}
