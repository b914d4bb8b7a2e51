package dev.gossip.transport.inmem;

import dev.gossip.Address;
import dev.gossip.DropReason;
import dev.gossip.OpaqueAddress;
import dev.gossip.spi.Transport;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Transport} on an {@link InMemoryNetwork}: no socket, no thread of its own. Create one
 * with {@link InMemoryNetwork#transport(dev.gossip.TransportConfig)} or through
 * {@link InMemoryTransportProvider}.
 *
 * <p>Its address is {@code mem:<name>}: the name bound by a {@code mem:<name>} bind address, or a
 * fresh one such as {@code mem:node-17} for an empty name or an IP bind address (so the default
 * config works unchanged). The advertised address in the config is not used: there is no NAT here.
 *
 * <p>{@link #send} copies the datagram into the network's queue and returns at once; the network's
 * dispatcher thread calls the destination's receiver, never the sender's thread, so two nodes that
 * send while holding their own locks cannot deadlock. Like UDP, a datagram to an address nobody
 * holds is lost silently, and one larger than {@link #maxDatagramBytes()} is refused.
 */
public final class InMemoryTransport implements Transport {

    /** The address scheme of this transport. */
    public static final String SCHEME = "mem";

    private final InMemoryNetwork network;
    private final @Nullable OpaqueAddress requested;
    private final int maxDatagramBytes;
    private final Object lifecycle = new Object();

    @SuppressWarnings("NullAway.Init") // set by start() before the binding publishes this transport
    private volatile Receiver receiver;

    private volatile @Nullable OpaqueAddress address;
    private volatile boolean closed;

    InMemoryTransport(InMemoryNetwork network, @Nullable OpaqueAddress requested, int maxDatagramBytes) {
        this.network = network;
        this.requested = requested;
        this.maxDatagramBytes = maxDatagramBytes;
    }

    /**
     * {@inheritDoc}
     *
     * @throws dev.gossip.TransportException if the requested name is already bound on the network
     * @throws IllegalStateException if already started, or closed, or the network is closed
     */
    @Override
    public Address start(Receiver receiver) {
        Objects.requireNonNull(receiver, "receiver");
        synchronized (lifecycle) {
            if (closed || address != null) {
                throw new IllegalStateException(closed ? "closed" : "already started as " + address);
            }
            this.receiver = receiver; // published to dispatchers by the binding below
            address = network.bind(this, requested);
            return address;
        }
    }

    @Override
    public @Nullable Address localAddress() {
        return address;
    }

    @Override
    public int maxDatagramBytes() {
        return maxDatagramBytes;
    }

    /** @return the network this transport is on */
    public InMemoryNetwork network() {
        return network;
    }

    @Override
    public boolean send(Address to, ByteBuffer datagram) {
        if (datagram.remaining() > maxDatagramBytes) {
            network.counters().drop(DropCause.OVERSIZED);
            return false;
        }
        OpaqueAddress from = address;
        if (from == null || closed) {
            network.counters().drop(DropCause.SENDER_CLOSED);
            return false;
        }
        return network.send(from, to, datagram);
    }

    /**
     * Called by a dispatcher thread with the datagram in {@code buffer}.
     *
     * @return {@code false} if this transport is closed, so the datagram is lost
     */
    boolean receive(OpaqueAddress from, ByteBuffer buffer, int length) {
        if (closed) {
            return false;
        }
        if (length > maxDatagramBytes) {
            network.counters().drop(DropCause.OVERSIZED_AT_DESTINATION);
            receiver.onDrop(from, DropReason.OVERSIZED);
        } else {
            network.counters().delivered.increment();
            receiver.onDatagram(from, buffer);
        }
        return true;
    }

    /** Unbinds the address; datagrams still queued for it are lost. Idempotent. */
    @Override
    public void close() {
        OpaqueAddress bound;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            bound = address;
        }
        if (bound != null) {
            network.unbind(bound, this);
        }
    }

    /** Marks this transport closed without unbinding, when its network closes. */
    void closedByNetwork() {
        closed = true;
    }

    @Override
    public String toString() {
        return "InMemoryTransport[" + (address != null ? address : "unbound") + " on " + network.name()
                + (closed ? ", closed]" : "]");
    }
}
