package dev.gossip.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.IpAddress;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** How an engine's error becomes the cause a join-failure line names. */
class HandshakeFailureTest {

    private static final IpAddress PEER = IpAddress.parse("127.0.0.1:7946");

    private static SSLHandshakeException handshake(String message, Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException(message);
        e.initCause(cause);
        return e;
    }

    @Test
    void theEnginesErrorsAreToldApart() {
        assertThat(HandshakeFailure.of(PEER, new SSLHandshakeException("Received fatal alert: bad_certificate")))
                .extracting(HandshakeFailure::kind)
                .isEqualTo(HandshakeFailure.Kind.REFUSED_BY_PEER);
        assertThat(HandshakeFailure.of(
                        PEER, handshake("PKIX path validation failed", new CertPathValidatorException("no"))))
                .extracting(HandshakeFailure::kind)
                .isEqualTo(HandshakeFailure.Kind.UNTRUSTED);
        assertThat(HandshakeFailure.of(
                        PEER, handshake("validity check failed", new CertificateExpiredException("NotAfter: ..."))))
                .extracting(HandshakeFailure::kind)
                .isEqualTo(HandshakeFailure.Kind.EXPIRED);
        assertThat(HandshakeFailure.of(
                        PEER, handshake("bad", new ReloadableKeys.SanMismatchException("names 10.0.0.1 only"))))
                .extracting(HandshakeFailure::kind)
                .isEqualTo(HandshakeFailure.Kind.SAN_MISMATCH);
        assertThat(HandshakeFailure.of(PEER, new IllegalStateException()))
                .extracting(HandshakeFailure::kind, HandshakeFailure::detail)
                .containsExactly(HandshakeFailure.Kind.OTHER, "IllegalStateException");
    }

    @Test
    void eachCauseIsDescribedOnOneLineNamingThePeer() {
        for (HandshakeFailure.Kind kind : HandshakeFailure.Kind.values()) {
            String line = new HandshakeFailure(PEER, kind, "detail").describe();
            assertThat(line)
                    .as(kind.name())
                    .contains("127.0.0.1:7946")
                    .contains("detail")
                    .doesNotContain("\n");
        }
        assertThat(HandshakeFailure.of(
                                PEER,
                                new SSLHandshakeException("PKIX path building failed:"
                                        + " sun.security.provider.certpath.SunCertPathBuilderException: unable to"
                                        + " find valid certification path\nto requested target"))
                        .detail())
                .isEqualTo("PKIX path building failed: unable to find valid certification path; to requested target");
    }
}
