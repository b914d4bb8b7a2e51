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
         * <p>{@code from} must be the sending transport's own {@link Transport#localAddress()}:
         * the address it advertises and other nodes send to. The engine uses it as the sending
         * node's identity (not to forward a message back where it came from, to answer digests
         * and grafts, to count drops by sender), so it must be an address a reply can be sent to.
         * For a datagram transport on one socket (UDP) that is the source address the network
         * reports. A connection-based transport (TCP, QUIC, a relay) must not report the
         * connection's remote end, an ephemeral port nobody listens on: let the connecting side
         * send its advertised address in a handshake and report that for every datagram on the
         * connection. {@code TransportContract} checks it.
         *
         * @param from the sending transport's advertised address, its {@link
         *     Transport#localAddress()}; never the ephemeral port of a connection
         * @param datagram the bytes, from position to limit; valid only during the call
         */
        void onDatagram(Address from, ByteBuffer datagram);

        /**
         * One received datagram, from a transport that knows whether another one is already waiting
         * to be handed over. A receiver may hold back what it would send in answer while {@code
         * more} is {@code true}, to send it together with what the next datagrams cause (a gossip
         * node bundles frames to one destination into one datagram); it must not hold anything back
         * past a call with {@code more} false. A transport that cannot tell calls {@link
         * #onDatagram(Address, ByteBuffer)}, which is this with {@code more} false.
         *
         * @param from the sender's address as the network reports it
         * @param datagram the bytes, from position to limit; valid only during the call
         * @param more {@code true} if the transport holds another received datagram for this
         *     receiver and will call again at once
         */
        default void onDatagram(Address from, ByteBuffer datagram, boolean more) {
            onDatagram(from, datagram);
        }

        /**
         * A datagram the transport itself discarded (too large, failed authentication, ...).
         *
         * @param from the sender's address, or {@code null} if unknown
         * @param reason why it was dropped
         */
        default void onDrop(@Nullable Address from, DropReason reason) {}
    }
}
