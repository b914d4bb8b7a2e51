package dev.gossip.transport.dtls;

import dev.gossip.IpAddress;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why a DTLS handshake with one peer failed, in the words an operator needs: whether this node
 * refused the peer's certificate, or the peer refused this node's. {@link DtlsTransport#lastHandshakeFailure()}
 * keeps the latest, so a node that cannot join can say why.
 *
 * @param peer the peer's address
 * @param kind the cause, as far as the engine's error tells it
 * @param detail the engine's message, on one line
 */
public record HandshakeFailure(IpAddress peer, Kind kind, String detail) {

    /** The causes told apart. */
    public enum Kind {
        /** The peer sent a fatal alert: it refused this node's certificate or the handshake. */
        REFUSED_BY_PEER,
        /** The peer's certificate does not chain to this node's trust store. */
        UNTRUSTED,
        /** The peer's certificate is expired or not yet valid. */
        EXPIRED,
        /** The peer's certificate does not name the address it sends from (the SAN check). */
        SAN_MISMATCH,
        /** Anything else: a protocol error, a broken record. */
        OTHER
    }

    /**
     * @param peer see {@link #peer()}
     * @param kind see {@link #kind()}
     * @param detail see {@link #detail()}
     * @throws NullPointerException if a component is {@code null}
     */
    public HandshakeFailure {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** Classifies an engine's error. */
    static HandshakeFailure of(IpAddress peer, Throwable error) {
        String detail = oneLine(error);
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ReloadableKeys.SanMismatchException) {
                return new HandshakeFailure(peer, Kind.SAN_MISMATCH, detail);
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return new HandshakeFailure(peer, Kind.EXPIRED, detail);
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return new HandshakeFailure(peer, Kind.UNTRUSTED, detail);
            }
        }
        String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("received fatal alert")) {
            return new HandshakeFailure(peer, Kind.REFUSED_BY_PEER, detail);
        }
        if (message.contains("pkix path") || message.contains("certification path")) {
            return new HandshakeFailure(peer, Kind.UNTRUSTED, detail);
        }
        return new HandshakeFailure(peer, Kind.OTHER, detail);
    }

    /**
     * @return one line naming the likely cause, for example {@code 127.0.0.1:7946 refused our
     *     handshake (Received fatal alert: certificate_unknown): it does not trust our certificate}
     */
    public String describe() {
        return switch (kind) {
            case REFUSED_BY_PEER ->
                peer + " refused our handshake (" + detail + "): it likely does not trust our"
                        + " certificate (another CA, expired, or a SAN that does not name our address)";
            case UNTRUSTED ->
                "we do not trust the certificate of " + peer + ": it does not chain to our trust store (" + detail
                        + ")";
            case EXPIRED -> "the certificate of " + peer + " is expired or not yet valid (" + detail + ")";
            case SAN_MISMATCH -> "the certificate of " + peer + " does not name its address (" + detail + ")";
            case OTHER -> "the handshake with " + peer + " failed (" + detail + ")";
        };
    }

    private static String oneLine(Throwable error) {
        @Nullable String message = error.getMessage();
        String text = message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
        // "PKIX path building failed: sun.security...SunCertPathBuilderException: unable to ..."
        return text.strip()
                .replaceAll("\\s*\\R\\s*", "; ")
                .replaceAll("\\b[a-z]+(\\.[A-Za-z0-9_$]+)+(Exception|Error): ", "");
    }
}
