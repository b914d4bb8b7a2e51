package dev.gossip.transport.dtls;

import dev.gossip.Address;
import dev.gossip.DropReason;
import dev.gossip.IpAddress;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * The body of a DTLS transport's receive thread: a blocking receive into one reused buffer, one
 * byte larger than the largest record, so an oversized datagram shows as a full buffer and is
 * dropped; each datagram goes to {@link DtlsInbound#onDatagram}. Nothing a peer sends ends the
 * loop; only closing the channel does.
 */
final class DtlsReceiveLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(DtlsReceiveLoop.class.getName());

    private final DtlsTransport transport;
    private final DtlsInbound inbound;
    private final DatagramChannel channel;
    private final int maxPacketBytes;
    private final Address local;
    private final ByteBuffer buffer;
    private boolean errorLogged;

    DtlsReceiveLoop(
            DtlsTransport transport, DtlsInbound inbound, DatagramChannel channel, int maxPacketBytes, Address local) {
        this.transport = transport;
        this.inbound = inbound;
        this.channel = channel;
        this.maxPacketBytes = maxPacketBytes;
        this.local = local;
        this.buffer = ByteBuffer.allocateDirect(maxPacketBytes + 1);
    }

    @Override
    public void run() {
        DtlsCounters counters = transport.counters();
        while (true) {
            buffer.clear();
            SocketAddress source;
            try {
                source = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                if (!transport.closing()) {
                    LOG.log(Level.ERROR, "the DTLS channel on " + local + " was closed under the transport", e);
                }
                break;
            } catch (IOException | RuntimeException e) {
                counters.receiveErrors.increment();
                LOG.log(errorLogged ? Level.DEBUG : Level.WARNING, "receive failed on " + local, e);
                errorLogged = true;
                continue;
            }
            if (source instanceof InetSocketAddress from) {
                buffer.flip();
                if (buffer.remaining() > maxPacketBytes) {
                    counters.receivedOversized.increment();
                    transport.report(IpAddress.of(from), DropReason.OVERSIZED);
                    transport.flushDrops();
                } else {
                    try {
                        inbound.onDatagram(from, buffer);
                        transport.flushDrops();
                    } catch (RuntimeException e) { // a bug, not the peer's doing: keep receiving
                        counters.receiveErrors.increment();
                        LOG.log(errorLogged ? Level.DEBUG : Level.WARNING, "a datagram from " + from + " failed", e);
                        errorLogged = true;
                    }
                }
            }
            if (Thread.interrupted()) {
                LOG.log(Level.DEBUG, "cleared an interrupt left by the receiver on {0}", local);
            }
        }
    }
}
