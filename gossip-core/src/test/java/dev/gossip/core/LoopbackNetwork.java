package dev.gossip.core;

import dev.gossip.Address;
import dev.gossip.OpaqueAddress;
import dev.gossip.spi.Transport;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only network of in-process transports with addresses {@code loop:<name>}. Delivery is
 * asynchronous on one dispatcher thread (never on the sender's thread, which holds its node's lock),
 * in send order, with no loss.
 */
final class LoopbackNetwork implements AutoCloseable {

    private final Map<Address, Transport.Receiver> receivers = new ConcurrentHashMap<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "loopback-dispatcher");
        t.setDaemon(true);
        return t;
    });

    LoopbackTransport transport(String name) {
        return new LoopbackTransport(OpaqueAddress.of("loop", name));
    }

    @Override
    public void close() {
        dispatcher.shutdownNow();
    }

    final class LoopbackTransport implements Transport {
        private final Address address;
        private final AtomicInteger closes = new AtomicInteger();
        private volatile boolean started;
        private volatile boolean closed;

        LoopbackTransport(Address address) {
            this.address = address;
        }

        @Override
        public Address start(Receiver receiver) {
            if (started) {
                throw new IllegalStateException("started twice");
            }
            started = true;
            receivers.put(address, receiver);
            return address;
        }

        @Override
        public Address localAddress() {
            return started ? address : null;
        }

        @Override
        public int maxDatagramBytes() {
            return 1400;
        }

        @Override
        public boolean send(Address to, ByteBuffer datagram) {
            if (closed || datagram.remaining() > maxDatagramBytes()) {
                return false;
            }
            byte[] bytes = new byte[datagram.remaining()];
            datagram.get(bytes);
            try {
                dispatcher.execute(() -> {
                    Receiver r = receivers.get(to);
                    if (r != null) {
                        r.onDatagram(address, ByteBuffer.wrap(bytes));
                    }
                });
                return true;
            } catch (RejectedExecutionException e) {
                return false;
            }
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            closed = true;
            receivers.remove(address);
        }

        /** @return how many times close() was called */
        int closes() {
            return closes.get();
        }

        Address address() {
            return address;
        }
    }
}
