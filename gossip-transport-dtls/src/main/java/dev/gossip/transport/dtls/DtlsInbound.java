package dev.gossip.transport.dtls;

import dev.gossip.DropReason;
import dev.gossip.IpAddress;
import dev.gossip.spi.Transport.Receiver;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * What a received datagram becomes, on the receive thread: records for the source's session
 * (decrypted and handed to the receiver with no session lock held), a ClientHello for
 * {@link HelloAdmission}, a late copy of a finished handshake's message (ignored), or anything
 * else from a source with no session (dropped, counted as {@code unauthenticated}). If two nodes
 * open to each other at once, the one with the smaller address stays client and ignores the
 * peer's ClientHello; the other answers as server, adopting its queue.
 */
final class DtlsInbound {

    private static final System.Logger LOG = System.getLogger(DtlsTransport.class.getName());

    private final SessionTable sessions;
    private final HelloAdmission admission;
    private final DtlsCounters counters;
    private final DropReports drops;
    private final Receiver receiver;
    private final IpAddress local;
    private final InetSocketAddress localSocket;
    private final int maxDatagramBytes;
    /** Application bytes released by handshake steps. */
    private final List<byte[]> early = new ArrayList<>();

    DtlsInbound(
            SessionTable sessions,
            HelloAdmission admission,
            DtlsCounters counters,
            DropReports drops,
            Receiver receiver,
            IpAddress local,
            int maxDatagramBytes) {
        this.sessions = sessions;
        this.admission = admission;
        this.counters = counters;
        this.drops = drops;
        this.receiver = receiver;
        this.local = local;
        this.localSocket = local.socketAddress();
        this.maxDatagramBytes = maxDatagramBytes;
    }

    /** One datagram from {@code source}; {@code datagram} is flipped and valid during the call. */
    void onDatagram(InetSocketAddress source, ByteBuffer datagram) {
        long now = System.nanoTime();
        DtlsSession session = sessions.get(source);
        boolean hello = DtlsRecords.isClientHello(datagram);
        if (session != null
                && session.state() == DtlsSession.State.ESTABLISHED
                && HelloAdmission.isStale(session, datagram, hello)) {
            return; // a late copy of a handshake message this session is past
        }
        if (session != null && !(hello && HelloAdmission.startsAnotherSession(session, datagram))) {
            receiveInto(session, datagram, now);
            return;
        }
        if (!hello) {
            counters.unauthenticated.increment();
            drops.report(IpAddress.of(source), DropReason.AUTHENTICATION_FAILED);
            return;
        }
        if (session != null
                && session.client
                && session.state() == DtlsSession.State.HANDSHAKING
                && compare(localSocket, source) < 0) {
            return; // both opened at once; the smaller address stays client, the peer will answer
        }
        admission.admit(source, datagram, session, now);
    }

    private void receiveInto(DtlsSession session, ByteBuffer datagram, long now) {
        while (true) {
            ByteBuffer plaintext = null;
            session.lock.lock();
            try {
                if (session.state() == DtlsSession.State.CLOSED) {
                    return;
                }
                plaintext = session.receive(datagram, now, early);
                if (session.state() == DtlsSession.State.CLOSED) {
                    counters.closeNotifyReceived.increment();
                    sessions.forget(session);
                    session.discardPending();
                }
            } catch (SSLException | RuntimeException e) {
                sessions.fail(session, e);
                return;
            } finally {
                session.lock.unlock();
            }
            // The receiver runs with no session lock held (see DtlsSession#receive).
            for (byte[] bytes : early) {
                deliver(session.address, ByteBuffer.wrap(bytes));
            }
            early.clear();
            if (plaintext == null) {
                return;
            }
            deliver(session.address, plaintext);
            if (!datagram.hasRemaining()) {
                return;
            }
        }
    }

    /** Hands one datagram's plaintext to the receiver; never called with a session lock held. */
    private void deliver(IpAddress from, ByteBuffer plaintext) {
        if (plaintext.remaining() > maxDatagramBytes) {
            counters.receivedOversized.increment();
            drops.report(from, DropReason.OVERSIZED);
            return;
        }
        counters.received.increment();
        try {
            receiver.onDatagram(from, plaintext);
        } catch (Throwable t) {
            counters.receiverErrors.increment();
            LOG.log(Level.DEBUG, "the receiver on " + local + " threw; receiving goes on", t);
        }
    }

    static int compare(InetSocketAddress a, InetSocketAddress b) {
        int c = Arrays.compareUnsigned(
                a.getAddress().getAddress(), b.getAddress().getAddress());
        return c != 0 ? c : Integer.compare(a.getPort(), b.getPort());
    }
}
