package dev.gossip.core.security;

import dev.gossip.Address;
import dev.gossip.DropReason;
import dev.gossip.OpaqueAddress;
import dev.gossip.spi.Transport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A test transport: keeps copies of what is sent, and lets the test play datagrams in. */
final class CapturingTransport implements Transport {

    final Address address;
    final List<byte[]> sent = new ArrayList<>();
    private Receiver receiver;
    private final int max;

    CapturingTransport(String name, int max) {
        this.address = OpaqueAddress.of("test", name);
        this.max = max;
    }

    @Override
    public Address start(Receiver receiver) {
        this.receiver = receiver;
        return address;
    }

    @Override
    public Address localAddress() {
        return address;
    }

    @Override
    public int maxDatagramBytes() {
        return max;
    }

    @Override
    public synchronized boolean send(Address to, ByteBuffer datagram) {
        byte[] copy = new byte[datagram.remaining()];
        datagram.get(copy);
        sent.add(copy);
        return true;
    }

    /** Plays a datagram in as if received from {@code from}. */
    void receive(Address from, byte[] bytes) {
        receiver.onDatagram(from, ByteBuffer.wrap(bytes));
    }

    void drop(Address from, DropReason reason) {
        receiver.onDrop(from, reason);
    }

    @Override
    public void close() {}
}
