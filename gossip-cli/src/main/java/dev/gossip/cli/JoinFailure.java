package dev.gossip.cli;

import dev.gossip.DropReason;
import dev.gossip.JoinException;
import dev.gossip.NodeSnapshot;
import dev.gossip.transport.dtls.DtlsTransport;
import dev.gossip.transport.dtls.HandshakeFailure;
import org.jspecify.annotations.Nullable;

/**
 * The one line {@code gossip node} and {@code gossip send} print when they cannot join, with the
 * likely cause as this node's own counters show it: a DTLS handshake a peer refused or this node
 * refused (and why), handshakes nobody answered, datagrams that failed authentication, or no
 * datagram back at all (a seed that is down looks the same as one that drops what it cannot
 * decrypt, so both are named).
 */
final class JoinFailure {

    private JoinFailure() {}

    /**
     * @param error the join's failure
     * @param snapshot the node's snapshot, taken before it was closed
     * @param dtls the node's dtls transport, or {@code null} over udp
     * @param keyFile whether the node seals its datagrams with {@code --key-file}
     * @return {@code join failed: <why>; <likely cause>}, one line
     */
    static String line(JoinException error, NodeSnapshot snapshot, @Nullable DtlsTransport dtls, boolean keyFile) {
        return "join failed: " + ShortErrors.describe(error) + "; " + cause(snapshot, dtls, keyFile);
    }

    static String cause(NodeSnapshot snapshot, @Nullable DtlsTransport dtls, boolean keyFile) {
        if (dtls != null) {
            DtlsTransport.Stats stats = dtls.stats();
            HandshakeFailure last = dtls.lastHandshakeFailure();
            if (stats.handshakeFailures() > 0 && last != null) {
                return "dtls handshake failures: " + stats.handshakeFailures() + ", the last: " + last.describe();
            }
            if (stats.handshakeTimeouts() > 0 || stats.handshakesInProgress() > 0) {
                return "dtls handshakes unanswered: " + (stats.handshakeTimeouts() + stats.handshakesInProgress())
                        + " (no seed answered our ClientHello: is one running there, over --transport dtls?)";
            }
        }
        long refused = snapshot.drops(DropReason.AUTHENTICATION_FAILED);
        if (refused > 0) {
            return refused + " datagram(s) from the seeds failed authentication: "
                    + (keyFile
                            ? "they seal with another key or --cluster-label"
                            : "they seal with a --key-file this node does not have");
        }
        if (snapshot.datagramsReceived() == 0) {
            String others = dtls != null
                    ? ""
                    : keyFile
                            ? ", or they drop ours: they use another --key-file or --cluster-label, none, or"
                                    + " --transport dtls"
                            : ", or they drop ours: they use --key-file or --transport dtls";
            return "no datagram came back from the seeds: none is running there" + others;
        }
        return "datagrams received " + snapshot.datagramsReceived() + ", none of them an acceptance";
    }
}
