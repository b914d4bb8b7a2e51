package dev.gossip.transport.dtls;

import dev.gossip.DropReason;
import dev.gossip.IpAddress;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** What a transport's sessions need from it: the channel, the counters, scratch buffers per thread. */
final class DtlsSessionIo implements DtlsSession.Io {

    private static final System.Logger LOG = System.getLogger(DtlsTransport.class.getName());

    private final DtlsCounters counters;
    private final DropReports drops;
    private final Supplier<@Nullable DatagramChannel> channel;
    private final Supplier<@Nullable Object> local;
    private final ThreadLocal<ByteBuffer> net;
    private final ThreadLocal<ByteBuffer> app = ThreadLocal.withInitial(() -> ByteBuffer.allocate(17 * 1024));
    private final ThreadLocal<ByteBuffer> plain;
    private final SessionTable table;

    DtlsSessionIo(
            SessionTable table,
            DtlsCounters counters,
            DropReports drops,
            Supplier<@Nullable DatagramChannel> channel,
            Supplier<@Nullable Object> local,
            int maxPacketBytes,
            int maxDatagramBytes) {
        this.table = table;
        this.counters = counters;
        this.drops = drops;
        this.channel = channel;
        this.local = local;
        this.net = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(Math.max(maxPacketBytes, 17 * 1024)));
        this.plain = ThreadLocal.withInitial(() -> ByteBuffer.allocate(maxDatagramBytes + 1));
    }

    @Override
    public void malformed(IpAddress from) {
        counters.malformed.increment();
        drops.report(from, DropReason.MALFORMED);
    }

    @Override
    public ByteBuffer plainScratch() {
        return plain.get().clear();
    }

    @Override
    public boolean sendRecord(ByteBuffer record, InetSocketAddress to) {
        DatagramChannel out = channel.get();
        if (out == null) {
            return false;
        }
        try {
            out.send(record, to);
            counters.sent.increment();
            return true;
        } catch (IOException | RuntimeException e) {
            counters.sendFailures.increment();
            return false;
        }
    }

    @Override
    public void established(DtlsSession session) {
        table.handshakeDone();
        LOG.log(Level.DEBUG, () -> local.get() + ": dtls session with " + session.peer + " established");
    }

    @Override
    public ByteBuffer netScratch() {
        return net.get().clear();
    }

    @Override
    public ByteBuffer appScratch() {
        return app.get().clear();
    }
}
