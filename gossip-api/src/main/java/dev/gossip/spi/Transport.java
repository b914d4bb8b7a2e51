package dev.gossip.spi;

import dev.gossip.Address;
import dev.gossip.DropReason;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Best-effort datagram delivery between nodes: what the engine needs from a network. Datagrams may
 * be lost, duplicated or reordered; the protocol above copes. Implementations: {@code udp},
 * {@code inmem}, or your own (see {@link TransportProvider}).
 *
 * <p>Lifecycle: created by a provider, {@link #start started} once, {@link #close closed} once.
 *
 * <p>Threading: {@link #send} may be called from any thread, concurrently. The {@link Receiver} is
 * called from the transport's own thread(s); the engine serialises its work itself.
 */
public interface Transport extends AutoCloseable {

    /**
     * Binds and begins delivering received datagrams to {@code receiver}.
     *
     * @param receiver where received datagrams go; never {@code null}
     * @return the address other nodes use to reach this one (the advertised address, with a port 0
     *     resolved)
     * @throws dev.gossip.TransportException if binding fails
     */
    Address start(Receiver receiver);

    /**
     * @return the advertised address after {@link #start}; {@code null} before
     */
    @Nullable
    Address localAddress();

    /**
     * @return the largest datagram, in bytes, this transport sends and accepts
     */
    int maxDatagramBytes();

    /**
     * Sends the remaining bytes of {@code datagram} to {@code to}, best effort. The buffer's
     * position may change; the caller may reuse the buffer as soon as this returns (implementations
     * copy what they queue). Must not throw for a failure of the network: it returns {@code false}.
     *
     * @param to the destination; an address kind this transport does not handle is a failure
     * @param datagram the bytes, at most {@link #maxDatagramBytes()}
     * @return {@code true} if the datagram was handed to the network, {@code false} if it was dropped
     *     locally (buffer full, closed, unreachable address kind, too large)
     */
    boolean send(Address to, ByteBuffer datagram);

    /** Stops receiving and releases resources. Idempotent. After it, {@link #send} returns false. */
    @Override
    void close();

    /**
     * Receives datagrams from a transport.
     *
     * <p>Buffer ownership: {@code datagram} belongs to the transport and is reused after the call
     * returns; copy anything kept. Implementations of this interface must not throw; a transport
     * survives it if they do.
     */
    interface Receiver {

        /**
         * One received datagram.
         *
         * @param from the sender's address as the network reports it
         * @param datagram the bytes, from position to limit; valid only during the call
         */
        void onDatagram(Address from, ByteBuffer datagram);

        /**
         * A datagram the transport itself discarded (too large, failed authentication, ...).
         *
         * @param from the sender's address, or {@code null} if unknown
         * @param reason why it was dropped
         */
        default void onDrop(@Nullable Address from, DropReason reason) {}
    }
}
