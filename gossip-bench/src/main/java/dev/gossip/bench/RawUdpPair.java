package dev.gossip.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * The throughput baseline: two plain NIO datagram channels on loopback, blocking, with direct
 * buffers and the same socket buffer sizes as our transport's defaults (4 MiB receive, 1 MiB
 * send), and one thread that receives and counts. Nothing else happens per datagram.
 */
final class RawUdpPair implements AutoCloseable {

    private final DatagramChannel out;
    private final DatagramChannel in;
    private final InetSocketAddress target;
    private final ByteBuffer payload;
    private final Thread receiveThread;

    private RawUdpPair(DatagramChannel out, DatagramChannel in, int payloadBytes, ReceiveCount count)
            throws IOException {
        this.out = out;
        this.in = in;
        this.target = (InetSocketAddress) in.getLocalAddress();
        this.payload = ByteBuffer.allocateDirect(payloadBytes);
        this.receiveThread = new Thread(() -> receive(count), "raw-udp-rx");
        receiveThread.setDaemon(true);
        receiveThread.start();
    }

    static RawUdpPair open(int payloadBytes, ReceiveCount count) throws IOException {
        DatagramChannel in = DatagramChannel.open();
        in.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
        in.bind(new InetSocketAddress("127.0.0.1", 0));
        DatagramChannel out = DatagramChannel.open();
        out.setOption(StandardSocketOptions.SO_SNDBUF, 1024 * 1024);
        out.bind(new InetSocketAddress("127.0.0.1", 0));
        return new RawUdpPair(out, in, payloadBytes, count);
    }

    /** @return where {@link #send} sends to: the receiving channel's address */
    InetSocketAddress target() {
        return target;
    }

    boolean send() {
        payload.clear();
        try {
            return out.send(payload, target) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private void receive(ReceiveCount count) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
        while (true) {
            buffer.clear();
            try {
                if (in.receive(buffer) != null) {
                    count.increment();
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // a failed receive is not a received datagram; go on
            }
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
        in.close();
    }
}
