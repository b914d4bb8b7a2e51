package dev.gossip.example.transport;

import dev.gossip.Address;
import dev.gossip.OpaqueAddress;
import dev.gossip.TransportException;
import dev.gossip.spi.Transport;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A transport between nodes of one JVM: each started transport owns a bounded queue and one
 * thread that hands queued datagrams to its receiver. Sending copies the bytes into the
 * destination's queue, or returns {@code false} when it is full or unknown: never blocks, never
 * throws, as {@link Transport#send} requires.
 */
final class QueueTransport implements Transport {

    /** Datagrams waiting for one receiver; a full queue refuses more. */
    static final int QUEUE_CAPACITY = 4096;

    /** Every started transport of the JVM, by address: the "network". */
    private static final System.Logger LOG = System.getLogger(QueueTransport.class.getName());

    private static final Map<OpaqueAddress, QueueTransport> STARTED = new ConcurrentHashMap<>();
    private static final AtomicLong FRESH_NAMES = new AtomicLong();

    private record Datagram(@Nullable Address from, byte[] bytes) {}

    private static final Datagram STOP = new Datagram(null, new byte[0]);

    private final OpaqueAddress requested;
    private final int maxDatagramBytes;
    private final BlockingQueue<Datagram> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private volatile @Nullable OpaqueAddress address;
    private volatile boolean closed;

    QueueTransport(OpaqueAddress requested, int maxDatagramBytes) {
        this.requested = requested;
        this.maxDatagramBytes = maxDatagramBytes;
    }

    @Override
    public synchronized Address start(Receiver receiver) {
        if (address != null || closed) {
            throw new IllegalStateException("a transport starts once");
        }
        OpaqueAddress self = requested.valueLength() > 0
                ? requested
                : OpaqueAddress.of(QueueTransportProvider.NAME, "node-" + FRESH_NAMES.incrementAndGet());
        if (STARTED.putIfAbsent(self, this) != null) {
            throw new TransportException(self + " is already in use");
        }
        Thread thread = new Thread(() -> receive(receiver), "gossip-queue-" + self);
        thread.setDaemon(true);
        thread.start();
        address = self;
        return self;
    }

    @Override
    public @Nullable Address localAddress() {
        return address;
    }

    @Override
    public int maxDatagramBytes() {
        return maxDatagramBytes;
    }

    @Override
    public boolean send(Address to, ByteBuffer datagram) {
        Address from = address;
        QueueTransport destination = to instanceof OpaqueAddress opaque ? STARTED.get(opaque) : null;
        if (closed || from == null || destination == null || datagram.remaining() > maxDatagramBytes) {
            return false;
        }
        byte[] bytes = new byte[datagram.remaining()];
        datagram.get(bytes); // a copy: the caller may reuse its buffer as soon as we return
        return destination.queue.offer(new Datagram(from, bytes));
    }

    private void receive(Receiver receiver) {
        while (true) {
            Datagram next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            Address from = next.from(); // null only in STOP
            if (next == STOP || closed || from == null) {
                return;
            }
            try {
                receiver.onDatagram(from, ByteBuffer.wrap(next.bytes()));
            } catch (RuntimeException e) {
                // A receiver must not throw; if it does, say so and carry on.
                LOG.log(System.Logger.Level.WARNING, "the receiver of " + address + " threw", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (address != null) {
            STARTED.remove(address, this);
            do {
                queue.clear(); // what is still queued is lost, as on a closed socket
            } while (!queue.offer(STOP));
        }
    }

    @Override
    public String toString() {
        return "QueueTransport[" + (address != null ? address : requested) + (closed ? ", closed]" : "]");
    }
}
