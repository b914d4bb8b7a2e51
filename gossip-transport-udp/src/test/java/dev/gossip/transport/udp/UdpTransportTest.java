package dev.gossip.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gossip.Address;
import dev.gossip.DropReason;
import dev.gossip.IpAddress;
import dev.gossip.OpaqueAddress;
import dev.gossip.TransportConfig;
import dev.gossip.TransportException;
import dev.gossip.spi.Transport;
import dev.gossip.testkit.RecordingReceiver;
import dev.gossip.testkit.TransportContract;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The transport contract over UDP on 127.0.0.1, and what is particular to UDP. */
class UdpTransportTest extends TransportContract {

    @Override
    protected Transport newTransport(TransportConfig config) {
        return new UdpTransport(config);
    }

    private UdpTransport startedUdp(TransportConfig config, Transport.Receiver receiver) {
        UdpTransport transport = (UdpTransport) create(config);
        transport.start(receiver);
        return transport;
    }

    @Test
    void opaqueBindOrAdvertiseIsRefusedAtCreate() {
        assertThatThrownBy(() -> new UdpTransport(
                        baseConfig().bind(OpaqueAddress.of("mem", "a")).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mem:a");
        assertThatThrownBy(() -> new UdpTransport(
                        baseConfig().advertise(OpaqueAddress.of("mem", "a")).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("advertise");
    }

    @Test
    void wildcardBindWithoutAdvertiseIsRefusedNamingTheFix() {
        assertThatThrownBy(() -> new UdpTransport(baseConfig().bind("0.0.0.0:0").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.0.0.0")
                .hasMessageContaining("advertise");
    }

    @Test
    void wildcardAdvertiseIsRefusedAtCreate() {
        assertThatThrownBy(() -> new UdpTransport(
                        baseConfig().advertise(Address.parse("0.0.0.0:7000")).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("advertise")
                .hasMessageContaining("0.0.0.0");
    }

    /** Linux caps SO_RCVBUF at net.core.rmem_max; asking more is logged, not fatal. */
    @Test
    void aBufferLargerThanTheOsGrantsStillStartsAndDelivers() {
        RecordingReceiver atB = new RecordingReceiver();
        UdpTransport b = startedUdp(
                baseConfig()
                        .receiveBufferBytes(Integer.MAX_VALUE)
                        .sendBufferBytes(Integer.MAX_VALUE)
                        .build(),
                atB);
        Transport a = started(new RecordingReceiver());

        assertThat(a.send(b.localAddress(), ByteBuffer.wrap(new byte[] {7}))).isTrue();
        awaitCount(atB, 1);
        assertThat(atB.datagrams().get(0).bytes()).containsExactly(7);
    }

    @Test
    void toStringNamesTheBindThenTheBoundAddressAndClosed() {
        UdpTransport transport = (UdpTransport) create(baseConfig().build());
        assertThat(transport).hasToString("UdpTransport[127.0.0.1:0]");

        Address local = transport.start(new RecordingReceiver());
        assertThat(transport).hasToString("UdpTransport[" + local + "]");

        transport.close();
        assertThat(transport).hasToString("UdpTransport[" + local + ", closed]");
    }

    /** An interrupted caller is not kept waiting for the receive thread, and keeps its interrupt. */
    @Test
    void closeFromAnInterruptedThreadKeepsTheInterruptAndTheReceiveThreadStillEnds() {
        Transport transport = started(new RecordingReceiver());
        String name = "gossip-udp-rx-" + ((IpAddress) transport.localAddress()).port();

        Thread.currentThread().interrupt();
        try {
            transport.close();
        } finally {
            assertThat(Thread.interrupted())
                    .as("interrupt flag left for the caller")
                    .isTrue();
        }

        await().atMost(patience())
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().equals(name)));
        assertThat(transport.send(Address.parse("127.0.0.1:9"), ByteBuffer.wrap(new byte[] {1})))
                .isFalse();
    }

    @Test
    void wildcardBindAdvertisesTheGivenHostWithTheBoundPort() {
        RecordingReceiver atB = new RecordingReceiver();
        UdpTransport b = startedUdp(
                baseConfig()
                        .bind("0.0.0.0:0")
                        .advertise(Address.parse("127.0.0.1:0"))
                        .build(),
                atB);
        Transport a = started(new RecordingReceiver());

        IpAddress advertised = (IpAddress) b.localAddress();
        assertThat(advertised.host().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(advertised.port()).isPositive();
        assertThat(a.send(advertised, ByteBuffer.wrap(new byte[] {1}))).isTrue();
        awaitCount(atB, 1);
    }

    @Test
    void oversizedInboundDatagramIsDroppedAndCountedAndTheNextOneDelivered() throws Exception {
        RecordingReceiver atB = new RecordingReceiver();
        UdpTransport b = startedUdp(baseConfig().maxDatagramBytes(100).build(), atB);
        try (DatagramChannel raw = DatagramChannel.open()) {
            raw.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress target = ((IpAddress) b.localAddress()).socketAddress();
            raw.send(ByteBuffer.allocate(101), target);
            raw.send(ByteBuffer.allocate(5000), target);
            raw.send(ByteBuffer.wrap(new byte[100]), target);

            awaitCount(atB, 1);
            IpAddress rawAddress = IpAddress.of((InetSocketAddress) raw.getLocalAddress());
            assertThat(atB.drops())
                    .containsExactly(
                            new RecordingReceiver.Dropped(rawAddress, DropReason.OVERSIZED),
                            new RecordingReceiver.Dropped(rawAddress, DropReason.OVERSIZED));
            assertThat(atB.datagrams().get(0).bytes()).hasSize(100);
            assertThat(b.stats().receivedOversized()).isEqualTo(2);
            assertThat(b.stats().received()).isEqualTo(1);
        }
    }

    @Test
    void largestUdpPayloadCrossesLoopbackIntact() {
        TransportConfig config = baseConfig()
                .maxDatagramBytes(TransportConfig.MAX_DATAGRAM_BYTES)
                .build();
        UdpTransport a = startedUdp(config, new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver();
        UdpTransport b = startedUdp(config, atB);
        byte[] largest = new byte[TransportConfig.MAX_DATAGRAM_BYTES];
        Arrays.fill(largest, (byte) 0x3C);

        assertThat(a.send(b.localAddress(), ByteBuffer.wrap(largest))).isTrue();

        awaitCount(atB, 1);
        assertThat(atB.datagrams().get(0).bytes()).isEqualTo(largest);
    }

    @Test
    void ipv6LoopbackWorksWhereAvailable() {
        TransportConfig config = baseConfig().bind("[::1]:0").build();
        UdpTransport a;
        try {
            a = startedUdp(config, new RecordingReceiver());
        } catch (TransportException e) {
            org.junit.jupiter.api.Assumptions.abort("IPv6 loopback unavailable: " + e.getMessage());
            return;
        }
        RecordingReceiver atB = new RecordingReceiver();
        UdpTransport b = startedUdp(config, atB);
        IpAddress advertised = (IpAddress) b.localAddress();
        assertThat(advertised.isIpv6()).isTrue();
        assertThat(advertised.host().isLoopbackAddress()).isTrue();

        assertThat(a.send(b.localAddress(), ByteBuffer.wrap(new byte[] {6}))).isTrue();

        awaitCount(atB, 1);
        assertThat(atB.datagrams().get(0).from()).isEqualTo(a.localAddress());
    }

    @Test
    void dualStackWildcardBindTalksWithIpv4Peers() {
        RecordingReceiver atDual = new RecordingReceiver();
        UdpTransport dual;
        try {
            dual = startedUdp(
                    baseConfig()
                            .bind("[::]:0")
                            .advertise(Address.parse("127.0.0.1:0"))
                            .build(),
                    atDual);
        } catch (TransportException e) {
            org.junit.jupiter.api.Assumptions.abort("IPv6 unavailable: " + e.getMessage());
            return;
        }
        RecordingReceiver atV4 = new RecordingReceiver();
        Transport v4 = started(atV4);

        assertThat(v4.send(dual.localAddress(), ByteBuffer.wrap(new byte[] {4})))
                .isTrue();
        assertThat(dual.send(v4.localAddress(), ByteBuffer.wrap(new byte[] {6})))
                .isTrue();

        awaitCount(atDual, 1);
        awaitCount(atV4, 1);
        assertThat(atDual.datagrams().get(0).from()).isEqualTo(v4.localAddress());
        assertThat(atV4.datagrams().get(0).from())
                .as("IPv4-mapped source reported as IPv4")
                .isEqualTo(dual.localAddress());
    }

    @Test
    void addressesItCannotReachAreRefusedWithoutThrowing() {
        UdpTransport a = startedUdp(baseConfig().build(), new RecordingReceiver());
        ByteBuffer one = ByteBuffer.wrap(new byte[] {1});

        assertThat(a.send(OpaqueAddress.of("mem", "x"), one.duplicate())).isFalse();
        assertThat(a.send(Address.parse("[::1]:9"), one.duplicate()))
                .as("IPv6 from an IPv4 socket")
                .isFalse();
        assertThat(a.send(Address.parse("127.0.0.1:0"), one.duplicate()))
                .as("port 0")
                .isFalse();

        assertThat(a.stats().sendFailures()).isEqualTo(3);
        assertThat(a.stats().sent()).isZero();
    }

    @Test
    void bindingABusyPortIsATransportException() throws Exception {
        try (DatagramChannel holder = DatagramChannel.open()) {
            holder.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) holder.getLocalAddress()).getPort();
            Transport transport = create(baseConfig().bind("127.0.0.1:" + port).build());

            assertThatThrownBy(() -> transport.start(new RecordingReceiver()))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("127.0.0.1:" + port);
            assertThat(transport.localAddress()).isNull();
        }
    }

    @Test
    void startIsOnceOnly() {
        Transport transport = started(new RecordingReceiver());
        assertThatThrownBy(() -> transport.start(new RecordingReceiver())).isInstanceOf(IllegalStateException.class);
        transport.close();
        assertThatThrownBy(() -> transport.start(new RecordingReceiver())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void receiveThreadIsNamedForItsPortAndEndsOnClose() {
        Transport transport = started(new RecordingReceiver());
        String name = "gossip-udp-rx-" + ((IpAddress) transport.localAddress()).port();
        Thread thread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name))
                .findFirst()
                .orElseThrow();
        assertThat(thread.isDaemon()).isTrue();

        transport.close();

        assertThat(thread.isAlive()).as("joined by close").isFalse();
    }

    @Test
    void interruptedSenderIsRefusedAndTheChannelSurvives() {
        UdpTransport a = startedUdp(baseConfig().build(), new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver();
        Transport b = started(atB);

        Thread.currentThread().interrupt();
        boolean sentWhileInterrupted;
        try {
            sentWhileInterrupted = a.send(b.localAddress(), ByteBuffer.wrap(new byte[] {1}));
        } finally {
            assertThat(Thread.interrupted())
                    .as("interrupt flag left for the caller")
                    .isTrue();
        }

        assertThat(sentWhileInterrupted).isFalse();
        assertThat(a.send(b.localAddress(), ByteBuffer.wrap(new byte[] {2}))).isTrue();
        awaitCount(atB, 1);
        assertThat(atB.datagrams().get(0).bytes()).containsExactly(2);
    }

    @Test
    void receiverThatInterruptsOrThrowsAnErrorDoesNotEndReceiving() {
        Transport a = started(new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver(buffer -> {
            Thread.currentThread().interrupt();
            throw new AssertionError("an Error from the receiver, for the test");
        });
        UdpTransport b = startedUdp(baseConfig().build(), atB);

        for (int i = 0; i < 3; i++) {
            assertThat(a.send(b.localAddress(), ByteBuffer.wrap(new byte[] {(byte) i})))
                    .isTrue();
            awaitCount(atB, i + 1);
        }
        assertThat(b.stats().receiverErrors()).isEqualTo(3);
    }

    @Test
    void receiverMayCloseItsOwnTransport() {
        AtomicReference<Transport> self = new AtomicReference<>();
        RecordingReceiver atB = new RecordingReceiver(buffer -> self.get().close());
        Transport b = started(atB);
        self.set(b);
        Transport a = started(new RecordingReceiver());
        String name = "gossip-udp-rx-" + ((IpAddress) b.localAddress()).port();

        assertThat(a.send(b.localAddress(), ByteBuffer.wrap(new byte[] {1}))).isTrue();

        awaitCount(atB, 1);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().equals(name)));
        assertThat(b.send(a.localAddress(), ByteBuffer.wrap(new byte[] {1}))).isFalse();
    }

    @Test
    void statsCountEachOutcome() {
        UdpTransport a = startedUdp(baseConfig().build(), new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver();
        UdpTransport b = startedUdp(baseConfig().build(), atB);

        for (int i = 0; i < 5; i++) {
            assertThat(a.send(b.localAddress(), ByteBuffer.allocate(10))).isTrue();
        }
        assertThat(a.send(b.localAddress(), ByteBuffer.allocate(a.maxDatagramBytes() + 1)))
                .isFalse();
        awaitCount(atB, 5);
        a.close();
        assertThat(a.send(b.localAddress(), ByteBuffer.allocate(10))).isFalse();

        assertThat(a.stats()).isEqualTo(new UdpTransport.Stats(5, 1, 1, 0, 0, 0, 0));
        assertThat(b.stats()).isEqualTo(new UdpTransport.Stats(0, 0, 0, 5, 0, 0, 0));
    }

    @Test
    void heapAndDirectBuffersSendTheirRemainingBytesFromAnyThread() throws Exception {
        UdpTransport a = startedUdp(baseConfig().build(), new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver();
        UdpTransport b = startedUdp(baseConfig().build(), atB);
        byte[] bytes = new byte[64];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        ByteBuffer heap = ByteBuffer.wrap(bytes, 3, 20); // position 3, limit 23
        ByteBuffer direct =
                ByteBuffer.allocateDirect(64).put(bytes).position(40).limit(50);

        assertThat(a.send(b.localAddress(), heap)).isTrue();
        assertThat(heap.position()).as("a sent heap buffer is consumed").isEqualTo(23);
        assertThat(a.send(b.localAddress(), direct)).isTrue();
        // Another sending thread has its own direct copy, and the first thread's stays usable.
        Thread other = new Thread(() -> a.send(b.localAddress(), ByteBuffer.wrap(bytes, 10, 5)));
        other.start();
        other.join();
        assertThat(a.send(b.localAddress(), ByteBuffer.wrap(bytes, 60, 4))).isTrue();

        awaitCount(atB, 4);
        assertThat(atB.datagrams())
                .extracting(d -> Arrays.toString(d.bytes()))
                .containsExactlyInAnyOrder(
                        Arrays.toString(Arrays.copyOfRange(bytes, 3, 23)),
                        Arrays.toString(Arrays.copyOfRange(bytes, 40, 50)),
                        Arrays.toString(Arrays.copyOfRange(bytes, 10, 15)),
                        Arrays.toString(Arrays.copyOfRange(bytes, 60, 64)));
    }

    /** Datagrams already waiting are handed over saying so; the last of a run says none follows. */
    @Test
    void aReceiverLearnsWhetherMoreDatagramsAreWaiting() throws Exception {
        java.util.concurrent.CountDownLatch firstHeld = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.List<Integer> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.List<Boolean> more = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Transport.Receiver receiver = new Transport.Receiver() {
            @Override
            public void onDatagram(Address from, ByteBuffer datagram) {
                onDatagram(from, datagram, false);
            }

            @Override
            public void onDatagram(Address from, ByteBuffer datagram, boolean follows) {
                order.add((int) datagram.get(datagram.position()));
                more.add(follows);
                if (order.size() == 1) {
                    firstHeld.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        Transport b = started(receiver);
        Transport a = started(new RecordingReceiver());
        assertThat(a.send(b.localAddress(), ByteBuffer.wrap(new byte[] {0}))).isTrue();
        assertThat(firstHeld.await(patience().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                .isTrue();
        int burst = UdpReceiveLoop.MAX_BATCH + 8;
        for (int i = 1; i <= burst; i++) {
            assertThat(a.send(b.localAddress(), ByteBuffer.wrap(new byte[] {(byte) i})))
                    .isTrue();
        }
        release.countDown(); // loopback queued them all while the first was held
        await().atMost(patience()).until(() -> order.size() == burst + 1);
        java.util.List<Integer> expected = new java.util.ArrayList<>();
        for (int i = 0; i <= burst; i++) {
            expected.add(i);
        }
        assertThat(order).containsExactlyElementsOf(expected);
        assertThat(more.get(burst)).as("the last of the run").isFalse();
        assertThat(more.subList(1, burst)).as("the rest of the burst").contains(true);
        int inRow = 0;
        for (boolean follows : more) {
            inRow = follows ? inRow + 1 : 0;
            assertThat(inRow).as("at most MAX_BATCH in a row").isLessThan(UdpReceiveLoop.MAX_BATCH);
        }
    }
}
