package dev.gossip.transport.udp;

import dev.gossip.Address;
import dev.gossip.DropReason;
import dev.gossip.IpAddress;
import dev.gossip.spi.Transport;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The body of a UDP transport's receive thread: non-blocking receives into two reused direct
 * buffers, each one byte larger than the datagram limit so that an oversized datagram shows as a
 * full buffer and is dropped, never passed on truncated; a selector waits while nothing is there.
 * Nothing a receiver or a datagram does ends the loop; only closing the channel does.
 *
 * <p>Each datagram is handed over with the next one already received, if there is one, so the
 * receiver learns whether more follow ({@link Transport.Receiver#onDatagram(Address, ByteBuffer,
 * boolean)}): a node under load then answers a burst with one datagram per destination instead of
 * one per frame. At most {@value #MAX_BATCH} datagrams in a row are handed over with {@code more}
 * set. When nothing waits, a datagram costs the same system calls as a blocking receive (the JDK's
 * blocking receive also tries, polls and tries again).
 */
final class UdpReceiveLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(UdpReceiveLoop.class.getName());
    private static final int SENDER_CACHE_CAPACITY = 1024;
    /** The most datagrams handed over in a row with {@code more} set, so that answers wait little. */
    static final int MAX_BATCH = 32;
    /** How long one wait for a datagram lasts before the loop checks whether it is closing. */
    private static final long SELECT_MILLIS = 200;

    private final DatagramChannel channel;
    private final Transport.Receiver receiver;
    private final int maxDatagramBytes;
    private final UdpCounters counters;
    private final BooleanSupplier closing;
    private final Address local;
    private ByteBuffer buffer;
    private ByteBuffer next;
    private final Selector selector;
    private final java.util.function.Consumer<SelectionKey> ignoreKey = key -> {};
    private final SenderCache senders = new SenderCache(SENDER_CACHE_CAPACITY);
    private boolean receiverErrorLogged;
    private boolean receiveErrorLogged;

    UdpReceiveLoop(
            DatagramChannel channel,
            Transport.Receiver receiver,
            int maxDatagramBytes,
            UdpCounters counters,
            BooleanSupplier closing,
            Address local) {
        this.channel = channel;
        this.receiver = receiver;
        this.maxDatagramBytes = maxDatagramBytes;
        this.counters = counters;
        this.closing = closing;
        this.local = local;
        this.buffer = ByteBuffer.allocateDirect(maxDatagramBytes + 1);
        this.next = ByteBuffer.allocateDirect(maxDatagramBytes + 1);
        try {
            this.selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot wait for datagrams on " + local, e);
        }
    }

    /** Wakes the receive thread if it waits, so that it sees the channel closed. */
    void wakeup() {
        selector.wakeup();
    }

    @Override
    public void run() {
        LOG.log(Level.DEBUG, "receiving on {0}", local);
        try {
            SocketAddress source = null;
            int inRow = 0;
            while (channel.isOpen()) {
                if (source == null) {
                    source = receive(buffer);
                    if (source == null) {
                        selector.select(ignoreKey, SELECT_MILLIS); // a consumer, so no key set grows
                        clearInterrupt();
                        continue;
                    }
                }
                SocketAddress after = inRow < MAX_BATCH - 1 ? receive(next) : null;
                // more only if the next one will reach the receiver (an oversized one is dropped)
                boolean more = after != null && next.position() <= maxDatagramBytes;
                if (source instanceof InetSocketAddress socketAddress) {
                    deliver(senders.get(socketAddress), more);
                }
                clearInterrupt();
                inRow = more ? inRow + 1 : 0;
                ByteBuffer swap = buffer;
                buffer = next;
                next = swap;
                source = after;
            }
        } catch (ClosedChannelException e) { // also asynchronous close and close by interrupt
            if (!closing.getAsBoolean()) {
                LOG.log(
                        Level.ERROR,
                        "the UDP channel on " + local + " was closed under the"
                                + " transport (an interrupt?); this node no longer receives",
                        e);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "waiting for datagrams on " + local + " failed; this node no longer receives", e);
        } finally {
            try {
                selector.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing the selector failed", e);
            }
        }
        LOG.log(Level.DEBUG, "stopped receiving on {0}", local);
    }

    /** A receiver that sets the interrupt flag would make the next receive close the channel. */
    private void clearInterrupt() {
        if (Thread.interrupted()) {
            LOG.log(Level.DEBUG, "cleared an interrupt left by the receiver on {0}", local);
        }
    }

    /**
     * Receives one datagram into {@code into} without waiting.
     *
     * @return its source, or {@code null} if none was there (or receiving failed, counted)
     * @throws ClosedChannelException when the channel is closed
     */
    private @Nullable SocketAddress receive(ByteBuffer into) throws ClosedChannelException {
        into.clear();
        try {
            return channel.receive(into);
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            counters.receiveErrors.increment();
            logOnce(receiveErrorLogged, "receive failed on " + local + "; receiving goes on", e);
            receiveErrorLogged = true;
            return null;
        }
    }

    private void deliver(IpAddress from, boolean more) {
        buffer.flip();
        try {
            if (buffer.remaining() > maxDatagramBytes) {
                counters.receivedOversized.increment();
                receiver.onDrop(from, DropReason.OVERSIZED);
            } else {
                counters.received.increment();
                receiver.onDatagram(from, buffer, more);
            }
        } catch (Throwable t) { // the contract says receivers must not throw; survive one that does
            counters.receiverErrors.increment();
            logOnce(receiverErrorLogged, "the receiver on " + local + " threw; receiving goes on", t);
            receiverErrorLogged = true;
        }
    }

    /** Logs the first failure of a kind as a warning and the rest at debug, so a flood stays quiet. */
    private static void logOnce(boolean logged, String message, Throwable error) {
        LOG.log(logged ? Level.DEBUG : Level.WARNING, message, error);
    }
}
