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
import java.util.function.BooleanSupplier;

/**
 * The body of a UDP transport's receive thread: a blocking receive into one reused direct buffer,
 * one byte larger than the datagram limit so that an oversized datagram shows as a full buffer and
 * is dropped, never passed on truncated. Nothing a receiver or a datagram does ends the loop; only
 * closing the channel does.
 */
final class UdpReceiveLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(UdpReceiveLoop.class.getName());
    private static final int SENDER_CACHE_CAPACITY = 1024;

    private final DatagramChannel channel;
    private final Transport.Receiver receiver;
    private final int maxDatagramBytes;
    private final UdpCounters counters;
    private final BooleanSupplier closing;
    private final Address local;
    private final ByteBuffer buffer;
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
    }

    @Override
    public void run() {
        LOG.log(Level.DEBUG, "receiving on {0}", local);
        while (true) {
            buffer.clear();
            SocketAddress source;
            try {
                source = channel.receive(buffer);
            } catch (ClosedChannelException e) { // also asynchronous close and close by interrupt
                if (!closing.getAsBoolean()) {
                    LOG.log(
                            Level.ERROR,
                            "the UDP channel on " + local + " was closed under the"
                                    + " transport (an interrupt?); this node no longer receives",
                            e);
                }
                break;
            } catch (IOException | RuntimeException e) {
                counters.receiveErrors.increment();
                logOnce(receiveErrorLogged, "receive failed on " + local + "; receiving goes on", e);
                receiveErrorLogged = true;
                continue;
            }
            if (source instanceof InetSocketAddress socketAddress) {
                deliver(senders.get(socketAddress));
            }
            // A receiver that sets the interrupt flag would make the next receive close the channel.
            if (Thread.interrupted()) {
                LOG.log(Level.DEBUG, "cleared an interrupt left by the receiver on {0}", local);
            }
        }
        LOG.log(Level.DEBUG, "stopped receiving on {0}", local);
    }

    private void deliver(IpAddress from) {
        buffer.flip();
        try {
            if (buffer.remaining() > maxDatagramBytes) {
                counters.receivedOversized.increment();
                receiver.onDrop(from, DropReason.OVERSIZED);
            } else {
                counters.received.increment();
                receiver.onDatagram(from, buffer);
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
