package dev.gossip.it;

import dev.gossip.Address;
import dev.gossip.OpaqueAddress;
import dev.gossip.spi.Transport;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny queue-based transport: every started transport gets a fresh {@code loop:nN} address and an
 * inbox drained by its own thread; {@link #send} copies the bytes into the destination's inbox and
 * returns at once, so a receiver never runs on the sender's thread. The bind address of the config
 * is ignored. A datagram to an unknown address is lost silently, as over UDP.
 */
final class LoopbackTransport implements Transport {

    static final String SCHEME = "loop";

    private static final Map<Address, LoopbackTransport> BOUND = new ConcurrentHashMap<>();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Datagram STOP = new Datagram(null, new byte[0]);

    private record Datagram(Address from, byte[] bytes) {}

    private final int maxDatagramBytes;
    private final BlockingQueue<Datagram> inbox = new ArrayBlockingQueue<>(4096);
    private volatile Address address;
    private volatile boolean closed;
    private Thread thread;

    LoopbackTransport(int maxDatagramBytes) {
        this.maxDatagramBytes = maxDatagramBytes;
    }

    @Override
    public synchronized Address start(Receiver receiver) {
        if (address != null || closed) {
            throw new IllegalStateException("already started or closed");
        }
        address = OpaqueAddress.of(SCHEME, "n" + NAMES.incrementAndGet());
        BOUND.put(address, this);
        thread = new Thread(() -> deliver(receiver), "loopback-" + address);
        thread.setDaemon(true);
        thread.start();
        return address;
    }

    private void deliver(Receiver receiver) {
        try {
            for (Datagram d = inbox.take(); d != STOP; d = inbox.take()) {
                try {
                    receiver.onDatagram(d.from(), ByteBuffer.wrap(d.bytes()));
                } catch (RuntimeException e) {
                    // A receiver must not throw; if it does, the transport carries on.
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Address localAddress() {
        return address;
    }

    @Override
    public int maxDatagramBytes() {
        return maxDatagramBytes;
    }

    @Override
    public boolean send(Address to, ByteBuffer datagram) {
        if (closed || address == null || datagram.remaining() > maxDatagramBytes) {
            return false;
        }
        LoopbackTransport destination = BOUND.get(to);
        if (destination == null) {
            return true;
        }
        byte[] copy = new byte[datagram.remaining()];
        datagram.get(copy);
        return destination.inbox.offer(new Datagram(address, copy));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (address != null) {
            BOUND.remove(address);
            inbox.clear();
            inbox.offer(STOP);
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
