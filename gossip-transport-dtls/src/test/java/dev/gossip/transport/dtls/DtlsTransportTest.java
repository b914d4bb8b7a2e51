package dev.gossip.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.TransportConfig;
import dev.gossip.spi.Transport;
import dev.gossip.testkit.RecordingReceiver;
import dev.gossip.testkit.TransportContract;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The transport contract over DTLS on 127.0.0.1, and what is particular to DTLS. */
@Timeout(60)
class DtlsTransportTest extends TransportContract {

    private int nodes;

    @Override
    protected Transport newTransport(TransportConfig config) {
        return new DtlsTransport(config, DtlsSettings.defaults(TestKeys.node("node-" + nodes++)));
    }

    @Test
    void handshakeEstablishesOneSessionEachSideAndCountsIt() {
        DtlsTransport a = (DtlsTransport) started(new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver();
        DtlsTransport b = (DtlsTransport) started(atB);

        assertThat(a.send(b.localAddress(), ByteBuffer.wrap(new byte[] {42}))).isTrue();

        awaitCount(atB, 1);
        assertThat(a.stats().handshakesCompleted()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.stats().handshakesCompleted() == 1);
        assertThat(b.stats().cookiesSent()).as("HelloVerifyRequest sent").isEqualTo(1);
        assertThat(a.stats().sessions()).isEqualTo(1);
        assertThat(b.stats().sessions()).isEqualTo(1);
        assertThat(a.stats().handshakesInProgress()).isZero();
    }

    @Test
    void peerWithACertificateFromAnotherCaIsRefusedAndCountedAndNothingArrives() {
        ThrowawayCa otherCa = ThrowawayCa.create("other CA", TestKeys.seeded(TestKeys.SEED + 1));
        RecordingReceiver atB = new RecordingReceiver();
        DtlsTransport b = (DtlsTransport) started(atB);
        DtlsTransport stranger = (DtlsTransport) create(baseConfig().build(), otherCa);
        stranger.start(new RecordingReceiver());

        assertThat(stranger.send(b.localAddress(), ByteBuffer.wrap(new byte[] {1})))
                .isTrue(); // queued

        await().atMost(Duration.ofSeconds(10))
                .until(() -> b.stats().handshakeFailures() + stranger.stats().handshakeFailures() >= 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> stranger.stats().queueDrops() == 1);
        assertThat(atB.count()).isZero();
        assertThat(b.stats().sessions()).isZero();
    }

    @Test
    void plaintextDatagramIsDroppedAndCounted() throws Exception {
        RecordingReceiver atB = new RecordingReceiver();
        DtlsTransport b = (DtlsTransport) started(atB);
        try (java.nio.channels.DatagramChannel plain = java.nio.channels.DatagramChannel.open()) {
            plain.send(
                    ByteBuffer.wrap("hello in the clear".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    ((dev.gossip.IpAddress) b.localAddress()).socketAddress());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> b.stats().unauthenticated() == 1);
        assertThat(atB.count()).isZero();
        assertThat(atB.drops()).isNotEmpty();
    }

    @Test
    void closeSendsCloseNotifyAndThePeerForgetsTheSession() {
        DtlsTransport a = (DtlsTransport) started(new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver();
        DtlsTransport b = (DtlsTransport) started(atB);
        assertThat(a.send(b.localAddress(), ByteBuffer.wrap(new byte[] {1}))).isTrue();
        awaitCount(atB, 1);

        a.close();

        assertThat(a.stats().closeNotifySent()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.stats().closeNotifyReceived() == 1);
        assertThat(b.stats().sessions()).isZero();
    }

    private Transport create(TransportConfig config, ThrowawayCa ca) {
        DtlsTransport transport =
                new DtlsTransport(config, DtlsSettings.defaults(TestKeys.material(ca, ca.issue("stranger"))));
        closeAfter.add(transport);
        return transport;
    }

    private final java.util.List<Transport> closeAfter = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void closeOthers() {
        closeAfter.forEach(Transport::close);
    }

    @Test
    void sanCheckRefusesACertificateNamingAnotherAddressAndAcceptsOneNamingTheSender() throws Exception {
        DtlsSettings strict = DtlsSettings.defaults(TestKeys.node("strict")).withRequireSanMatch(true);
        RecordingReceiver atStrict = new RecordingReceiver();
        DtlsTransport checking = new DtlsTransport(baseConfig().build(), strict);
        closeAfter.add(checking);
        checking.start(atStrict);
        DtlsTransport liar = new DtlsTransport(
                baseConfig().build(),
                DtlsSettings.defaults(TestKeys.material(
                        TestKeys.CA, TestKeys.CA.issue("liar", java.net.InetAddress.getByName("10.9.8.7")))));
        closeAfter.add(liar);
        liar.start(new RecordingReceiver());
        DtlsTransport honest = (DtlsTransport) started(new RecordingReceiver()); // names 127.0.0.1

        liar.send(checking.localAddress(), ByteBuffer.wrap(new byte[] {1}));
        honest.send(checking.localAddress(), ByteBuffer.wrap(new byte[] {2}));

        awaitCount(atStrict, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> checking.stats().sanMismatches() == 1);
        assertThat(atStrict.datagrams()).extracting(d -> d.bytes()[0]).containsExactly((byte) 2);
        assertThat(checking.stats().handshakeFailures()).isEqualTo(1);
    }

    @Test
    void idleSessionsAreClosedWithCloseNotifyAndTheNextSendHandshakesAgain() {
        DtlsTransport a = new DtlsTransport(
                baseConfig().build(),
                DtlsSettings.defaults(TestKeys.node("idle")).withIdleTimeout(Duration.ofMillis(300)));
        closeAfter.add(a);
        a.start(new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver();
        DtlsTransport b = (DtlsTransport) started(atB);

        assertThat(a.send(b.localAddress(), ByteBuffer.wrap(new byte[] {1}))).isTrue();
        awaitCount(atB, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.stats().sessionsEvicted() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> b.stats().closeNotifyReceived() == 1);
        assertThat(a.stats().sessions()).isZero();

        assertThat(a.send(b.localAddress(), ByteBuffer.wrap(new byte[] {2}))).isTrue();
        awaitCount(atB, 2);
        assertThat(a.stats().handshakesCompleted()).isEqualTo(2);
    }

    @Test
    void aSessionThatReceivesNothingIsClosedEvenWhileThisNodeKeepsSendingAndSendingGoesOn() throws Exception {
        // the peer never answers on the session (as a peer restarted with no close_notify could
        // not): sending must not keep it open, or this node would seal for a dead session forever
        DtlsTransport a = new DtlsTransport(
                baseConfig().build(),
                DtlsSettings.defaults(TestKeys.node("silent")).withIdleTimeout(Duration.ofMillis(300)));
        closeAfter.add(a);
        a.start(new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver();
        DtlsTransport b = (DtlsTransport) started(atB);
        java.util.concurrent.ScheduledExecutorService sender =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        try {
            sender.scheduleAtFixedRate(
                    () -> {
                        if (a.send(b.localAddress(), ByteBuffer.wrap(new byte[] {7}))) {
                            sent.incrementAndGet();
                        }
                    },
                    0,
                    50,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            // two evictions while sending, and a handshake after the second: sending went on
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> a.stats().sessionsEvicted() >= 2 && a.stats().handshakesCompleted() >= 3);
        } finally {
            sender.shutdownNow();
            sender.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> atB.datagrams().size() == sent.get());
    }
}
