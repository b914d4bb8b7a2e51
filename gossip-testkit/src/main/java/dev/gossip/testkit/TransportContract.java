package dev.gossip.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.Address;
import dev.gossip.TransportConfig;
import dev.gossip.spi.Transport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Transport} must do, as JUnit 5 tests. A transport's test class extends this,
 * implements {@link #newTransport(TransportConfig)} and, if its addresses are not IP, overrides
 * {@link #baseConfig()}. Transports created through {@link #create(TransportConfig)} are closed
 * after each test; a subclass cleans up anything else (a network, say) in its own
 * {@code @AfterEach}.
 *
 * <p>Every wait is an Awaitility poll bounded by {@link #patience()}; no test sleeps.
 */
public abstract class TransportContract {

    /**
     * What a failed check of {@code Receiver.onDatagram}'s {@code from} compared, and why: printed
     * above AssertJ's "expected: ... but was: ...".
     */
    static final String FROM_CONTRACT = "Receiver.onDatagram's 'from' (actual) must be the sending transport's"
            + " localAddress() (expected), the address it advertises, not the source port of a connection:"
            + " a connection-based transport sends its advertised address in a handshake (see Transport.Receiver"
            + " and docs/custom-transport.md)";

    private final List<Transport> transports = new ArrayList<>();

    /**
     * Creates a transport, not yet started.
     *
     * @param config the settings, built from {@link #baseConfig()}
     * @return a new transport
     */
    protected abstract Transport newTransport(TransportConfig config);

    /**
     * The settings each test starts from. Default: bind {@code 127.0.0.1:0}, other values default.
     *
     * @return a fresh builder
     */
    protected TransportConfig.Builder baseConfig() {
        return TransportConfig.builder().bind("127.0.0.1:0");
    }

    /** @return how long a test waits for datagrams to arrive before failing; default 10 s */
    protected Duration patience() {
        return Duration.ofSeconds(10);
    }

    /**
     * Creates a transport that is closed after the test.
     *
     * @param config the settings
     * @return the transport, not yet started
     */
    protected final Transport create(TransportConfig config) {
        Transport transport = newTransport(config);
        transports.add(transport);
        return transport;
    }

    /**
     * Creates a transport from {@link #baseConfig()} and starts it.
     *
     * @param receiver where its datagrams go
     * @return the started transport, closed after the test
     */
    protected final Transport started(Transport.Receiver receiver) {
        Transport transport = create(baseConfig().build());
        transport.start(receiver);
        return transport;
    }

    private static Address addressOf(Transport started) {
        return Objects.requireNonNull(started.localAddress(), "localAddress() of a started transport");
    }

    /**
     * Waits until {@code receiver} has recorded at least {@code count} datagrams.
     *
     * @param receiver the receiver to watch
     * @param count how many datagrams to wait for
     */
    protected final void awaitCount(RecordingReceiver receiver, int count) {
        await().atMost(patience())
                .pollInterval(Duration.ofMillis(5))
                .untilAsserted(() ->
                        assertThat(receiver.count()).as("datagrams received").isGreaterThanOrEqualTo(count));
    }

    @AfterEach
    final void closeTransports() {
        for (Transport transport : transports) {
            transport.close();
        }
        transports.clear();
    }

    @Test
    void startReturnsTheAdvertisedAddressAndLocalAddressEqualsIt() {
        TransportConfig config = baseConfig().build();
        Transport transport = create(config);
        assertThat(transport.localAddress()).as("before start").isNull();
        assertThat(transport.maxDatagramBytes()).isEqualTo(config.maxDatagramBytes());

        Address address = transport.start(new RecordingReceiver());

        assertThat(address).isNotNull();
        assertThat(transport.localAddress()).isEqualTo(address);
        assertThat(started(new RecordingReceiver()).localAddress()).isNotEqualTo(address);
    }

    @Test
    void datagramArrivesOnceWithItsBytesAndTheSendersAddress() {
        Transport a = started(new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver();
        Transport b = started(atB);
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(hello.clone());

        assertThat(a.send(addressOf(b), buffer)).isTrue();
        Arrays.fill(buffer.array(), (byte) '!'); // the caller may reuse its buffer at once
        awaitCount(atB, 1);
        // A second datagram marks the end: a duplicate of the first would arrive before it.
        assertThat(a.send(addressOf(b), ByteBuffer.wrap(new byte[] {'e', 'n', 'd'})))
                .isTrue();
        awaitCount(atB, 2);

        RecordingReceiver.Received first = atB.datagrams().get(0);
        assertThat(first.bytes()).isEqualTo(hello);
        assertThat(first.from()).as(FROM_CONTRACT).isEqualTo(a.localAddress());
        assertThat(atB.datagrams())
                .filteredOn(d -> Arrays.equals(d.bytes(), hello))
                .hasSize(1);
    }

    @Test
    void emptyDatagramArrives() {
        Transport a = started(new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver();
        Transport b = started(atB);

        assertThat(a.send(addressOf(b), ByteBuffer.allocate(0))).isTrue();

        awaitCount(atB, 1);
        assertThat(atB.datagrams().get(0).bytes()).isEmpty();
    }

    @Test
    void thousandDatagramsFromFourThreadsAllArriveExactlyOnce() throws Exception {
        int threads = 4;
        int perThread = 250;
        RecordingReceiver atB = new RecordingReceiver();
        Transport b = started(atB);
        List<Transport> senders = new ArrayList<>();
        senders.add(started(new RecordingReceiver()));
        senders.add(started(new RecordingReceiver()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> accepted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Transport sender = senders.get(t % senders.size()); // two threads share each sender
                Callable<Integer> job = () -> {
                    int ok = 0;
                    ByteBuffer buffer = ByteBuffer.allocate(64);
                    for (int i = 0; i < perThread; i++) {
                        buffer.clear().putInt(0, thread * perThread + i);
                        ok += sender.send(addressOf(b), buffer) ? 1 : 0;
                    }
                    return ok;
                };
                accepted.add(pool.submit(job));
            }
            for (Future<Integer> f : accepted) {
                assertThat(f.get()).as("sends accepted by one thread").isEqualTo(perThread);
            }
        } finally {
            pool.shutdownNow();
        }

        awaitCount(atB, threads * perThread);
        Set<Integer> ids = new HashSet<>();
        for (RecordingReceiver.Received d : atB.datagrams()) {
            assertThat(d.bytes()).hasSize(64);
            ids.add(ByteBuffer.wrap(d.bytes()).getInt(0));
        }
        assertThat(ids).as("distinct datagrams").hasSize(threads * perThread);
        assertThat(atB.count()).as("no duplicates").isEqualTo(threads * perThread);
    }

    @Test
    void maxSizeDatagramPassesAndOneByteMoreIsRefused() {
        Transport a = started(new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver();
        Transport b = started(atB);
        int max = a.maxDatagramBytes();
        byte[] largest = new byte[max];
        Arrays.fill(largest, (byte) 7);
        largest[max - 1] = 9;

        assertThat(a.send(addressOf(b), ByteBuffer.allocate(max + 1))).isFalse();
        assertThat(a.send(addressOf(b), ByteBuffer.wrap(largest))).isTrue();

        awaitCount(atB, 1);
        assertThat(atB.datagrams().get(0).bytes()).isEqualTo(largest);
        assertThat(atB.drops()).isEmpty();
    }

    @Test
    void receiverThatThrowsDoesNotStopLaterDatagrams() {
        Transport a = started(new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver(buffer -> {
            throw new IllegalStateException("receiver failure for the test");
        });
        Transport b = started(atB);

        for (int i = 0; i < 3; i++) {
            assertThat(a.send(addressOf(b), ByteBuffer.wrap(new byte[] {(byte) i})))
                    .isTrue();
            awaitCount(atB, i + 1);
        }
        assertThat(atB.datagrams()).extracting(d -> d.bytes()[0]).containsExactly((byte) 0, (byte) 1, (byte) 2);
    }

    @Test
    void receiverMayConsumeAndOverwriteTheBufferWithoutHarmingLaterDatagrams() {
        Transport a = started(new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver(buffer -> {
            if (!buffer.isReadOnly()) {
                buffer.clear();
                while (buffer.hasRemaining()) {
                    buffer.put((byte) 0x55);
                }
            } else {
                buffer.position(buffer.limit());
            }
        });
        Transport b = started(atB);
        byte[] first = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[] second = {9, 10, 11};

        assertThat(a.send(addressOf(b), ByteBuffer.wrap(first))).isTrue();
        awaitCount(atB, 1);
        assertThat(a.send(addressOf(b), ByteBuffer.wrap(second))).isTrue();
        awaitCount(atB, 2);

        assertThat(atB.datagrams())
                .extracting(RecordingReceiver.Received::bytes)
                .containsExactly(first, second);
    }

    @Test
    void receiverRunsOnATransportThreadNotTheSenders() {
        Transport a = started(new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver();
        Transport b = started(atB);

        assertThat(a.send(addressOf(b), ByteBuffer.wrap(new byte[] {1}))).isTrue();

        awaitCount(atB, 1);
        assertThat(atB.datagrams().get(0).thread())
                .isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void sendingToAClosedPeerNeitherThrowsNorHarmsTheSender() {
        Transport a = started(new RecordingReceiver());
        Transport gone = started(new RecordingReceiver());
        RecordingReceiver atC = new RecordingReceiver();
        Transport c = started(atC);
        Address goneAddress = addressOf(gone);
        gone.close();

        for (int i = 0; i < 3; i++) {
            a.send(goneAddress, ByteBuffer.wrap(new byte[] {1, 2, 3})); // may be true: loss is silent
        }
        assertThat(a.send(addressOf(c), ByteBuffer.wrap(new byte[] {4}))).isTrue();

        awaitCount(atC, 1);
        assertThat(atC.datagrams().get(0).from()).as(FROM_CONTRACT).isEqualTo(a.localAddress());
    }

    @Test
    void sendAfterCloseReturnsFalseAndCloseIsIdempotent() {
        Transport a = started(new RecordingReceiver());
        Transport b = started(new RecordingReceiver());
        a.close();
        a.close();

        assertThat(a.send(addressOf(b), ByteBuffer.wrap(new byte[] {1}))).isFalse();
    }

    @Test
    void closeBeforeStartIsFine() {
        Transport transport = create(baseConfig().build());
        transport.close();
        transport.close();
        assertThat(transport.localAddress()).isNull();
    }
}
