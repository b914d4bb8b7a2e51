package dev.gossip.transport.inmem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gossip.Address;
import dev.gossip.DropReason;
import dev.gossip.OpaqueAddress;
import dev.gossip.TransportConfig;
import dev.gossip.TransportException;
import dev.gossip.spi.Transport;
import dev.gossip.testkit.RecordingReceiver;
import dev.gossip.testkit.TransportContract;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport contract on a private in-memory network, and what is particular to it. */
class InMemoryTransportTest extends TransportContract {

    private InMemoryNetwork network = InMemoryNetwork.create();

    @Override
    protected Transport newTransport(TransportConfig config) {
        return network.transport(config);
    }

    @AfterEach
    void closeNetwork() {
        network.close();
    }

    private void awaitQuiet() {
        await().atMost(patience())
                .pollInterval(Duration.ofMillis(5))
                .until(() -> network.stats().inFlight() == 0);
    }

    private static ByteBuffer bytes(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length);
        for (int v : values) {
            buffer.put((byte) v);
        }
        return buffer.flip();
    }

    @Test
    void defaultConfigGetsAFreshUniqueMemName() {
        Transport a = started(new RecordingReceiver());
        Transport b = started(new RecordingReceiver());

        assertThat(a.localAddress()).isInstanceOf(OpaqueAddress.class);
        assertThat(a.localAddress().toString()).startsWith("mem:node-");
        assertThat(b.localAddress()).isNotEqualTo(a.localAddress());
    }

    @Test
    void explicitNameIsBoundAndADuplicateIsATransportException() {
        Transport alice = create(baseConfig().bind("mem:alice").build());
        assertThat(alice.start(new RecordingReceiver())).isEqualTo(OpaqueAddress.of("mem", "alice"));

        Transport impostor = create(baseConfig().bind("mem:alice").build());
        assertThatThrownBy(() -> impostor.start(new RecordingReceiver()))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("mem:alice");

        Transport fresh = create(baseConfig().bind("mem:").build());
        assertThat(fresh.start(new RecordingReceiver()).toString()).startsWith("mem:node-");
    }

    @Test
    void freshNamesSkipNamesTakenExplicitly() {
        create(baseConfig().bind("mem:node-1").build()).start(new RecordingReceiver());

        assertThat(started(new RecordingReceiver()).localAddress()).isEqualTo(OpaqueAddress.of("mem", "node-2"));
    }

    @Test
    void aNameIsFreeAgainOnceItsTransportCloses() {
        Transport first = create(baseConfig().bind("mem:bob").build());
        first.start(new RecordingReceiver());
        first.close();

        Transport second = create(baseConfig().bind("mem:bob").build());
        assertThat(second.start(new RecordingReceiver())).isEqualTo(OpaqueAddress.of("mem", "bob"));
    }

    @Test
    void anotherOpaqueSchemeIsRefusedAtCreate() {
        assertThatThrownBy(() -> network.transport(baseConfig().bind("tcp:x").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tcp:x");
    }

    @Test
    void anIpDestinationIsRefused() {
        Transport a = started(new RecordingReceiver());

        assertThat(a.send(Address.parse("127.0.0.1:9"), bytes(1))).isFalse();
        assertThat(network.stats().dropped(DropCause.UNSUPPORTED_ADDRESS)).isEqualTo(1);
    }

    @Test
    void anUnknownDestinationIsASilentCountedLoss() {
        Transport a = started(new RecordingReceiver());

        assertThat(a.send(OpaqueAddress.of("mem", "nobody"), bytes(1))).isTrue();

        awaitQuiet();
        InMemoryNetwork.Stats stats = network.stats();
        assertThat(stats.dropped(DropCause.UNKNOWN_DESTINATION)).isEqualTo(1);
        assertThat(stats.sent()).isEqualTo(1);
        assertThat(stats.delivered()).isZero();
    }

    @Test
    void aFullQueueRefusesTheSendAndCountsIt() throws Exception {
        network.close();
        network = InMemoryNetwork.builder().queueCapacity(2).build();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingReceiver blocking = new RecordingReceiver(buffer -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Transport a = started(new RecordingReceiver());
        Transport b = started(blocking);
        try {
            assertThat(a.send(b.localAddress(), bytes(0))).isTrue();
            assertThat(entered.await(10, TimeUnit.SECONDS))
                    .as("dispatcher inside the receiver")
                    .isTrue();
            assertThat(a.send(b.localAddress(), bytes(1))).isTrue();
            assertThat(a.send(b.localAddress(), bytes(2))).isTrue();

            assertThat(a.send(b.localAddress(), bytes(3)))
                    .as("third while two are queued")
                    .isFalse();
            assertThat(network.stats().dropped(DropCause.QUEUE_FULL)).isEqualTo(1);
        } finally {
            release.countDown();
        }
        awaitCount(blocking, 3);
        awaitQuiet();
        assertThat(blocking.datagrams()).extracting(d -> d.bytes()[0]).containsExactly((byte) 0, (byte) 1, (byte) 2);
    }

    @Test
    void receiversRunOnTheNetworksDispatcherThread() {
        Transport a = started(new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver();
        Transport b = started(atB);

        a.send(b.localAddress(), bytes(1));

        awaitCount(atB, 1);
        assertThat(atB.datagrams().get(0).thread()).startsWith("gossip-inmem-" + network.name() + "-");
    }

    @Test
    void aDatagramTooLargeForItsDestinationIsReportedThereAndCounted() {
        Transport big = create(baseConfig().maxDatagramBytes(1000).build());
        big.start(new RecordingReceiver());
        RecordingReceiver atSmall = new RecordingReceiver();
        Transport small = create(baseConfig().maxDatagramBytes(100).build());
        small.start(atSmall);

        assertThat(big.send(small.localAddress(), ByteBuffer.allocate(101))).isTrue();

        awaitQuiet();
        assertThat(atSmall.drops())
                .containsExactly(new RecordingReceiver.Dropped(big.localAddress(), DropReason.OVERSIZED));
        assertThat(network.stats().dropped(DropCause.OVERSIZED_AT_DESTINATION)).isEqualTo(1);
    }

    @Test
    void statsBalanceOnceTheNetworkIsQuiet() {
        Transport a = started(new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver();
        Transport b = started(atB);
        for (int i = 0; i < 50; i++) {
            a.send(b.localAddress(), bytes(i));
            a.send(OpaqueAddress.of("mem", "void"), bytes(i));
        }
        a.send(b.localAddress(), ByteBuffer.allocate(a.maxDatagramBytes() + 1));

        awaitQuiet();
        InMemoryNetwork.Stats stats = network.stats();
        assertThat(stats.sent()).isEqualTo(100);
        assertThat(stats.delivered()).isEqualTo(50);
        assertThat(stats.dropped(DropCause.UNKNOWN_DESTINATION)).isEqualTo(50);
        assertThat(stats.dropped(DropCause.OVERSIZED)).isEqualTo(1);
        assertThat(stats.drops()).hasSize(DropCause.values().length);
    }

    @Test
    void closingTheNetworkClosesItsTransportsAndStopsItsDispatcher() {
        Transport a = started(new RecordingReceiver());
        Transport b = started(new RecordingReceiver());
        String prefix = "gossip-inmem-" + network.name() + "-";

        network.close();
        network.close();

        assertThat(network.isClosed()).isTrue();
        assertThat(a.send(b.localAddress(), bytes(1))).isFalse();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith(prefix));
        assertThatThrownBy(() -> network.transport(baseConfig().build())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReceiverThatInterruptsTheDispatcherDoesNotStopIt() {
        Transport a = started(new RecordingReceiver());
        RecordingReceiver atB =
                new RecordingReceiver(buffer -> Thread.currentThread().interrupt());
        Transport b = started(atB);

        for (int i = 0; i < 3; i++) {
            assertThat(a.send(b.localAddress(), bytes(i))).isTrue();
            awaitCount(atB, i + 1);
        }
    }

    @Test
    void aReceiverMayCloseTheWholeNetworkFromTheDispatcher() {
        InMemoryNetwork closing = network;
        Transport a = started(new RecordingReceiver());
        RecordingReceiver atB = new RecordingReceiver(buffer -> closing.close());
        Transport b = started(atB);
        String prefix = "gossip-inmem-" + network.name() + "-";
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> t.getName().startsWith(prefix))
                .singleElement()
                .matches(Thread::isDaemon, "daemon");

        a.send(b.localAddress(), bytes(1));

        awaitCount(atB, 1);
        await().atMost(patience())
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().startsWith(prefix)));
        assertThat(network.isClosed()).isTrue();
    }

    @Test
    void severalDispatchersKeepEachDestinationInSendOrder() {
        network.close();
        network = InMemoryNetwork.builder().dispatchers(3).build();
        Transport a = started(new RecordingReceiver());
        RecordingReceiver[] receivers = new RecordingReceiver[6];
        Transport[] destinations = new Transport[6];
        for (int i = 0; i < 6; i++) {
            receivers[i] = new RecordingReceiver();
            destinations[i] = started(receivers[i]);
        }
        for (int n = 0; n < 100; n++) {
            for (Transport destination : destinations) {
                assertThat(a.send(destination.localAddress(), bytes(n))).isTrue();
            }
        }

        for (RecordingReceiver receiver : receivers) {
            awaitCount(receiver, 100);
            assertThat(receiver.datagrams())
                    .extracting(d -> d.bytes()[0] & 0xFF)
                    .isSorted()
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void twoHundredNodesCostOneThreadAndDeliverAroundARing() {
        int nodes = 200;
        RecordingReceiver[] receivers = new RecordingReceiver[nodes];
        Transport[] ring = new Transport[nodes];
        for (int i = 0; i < nodes; i++) {
            receivers[i] = new RecordingReceiver();
            ring[i] = started(receivers[i]);
        }
        String prefix = "gossip-inmem-" + network.name() + "-";
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> t.getName().startsWith(prefix))
                .hasSize(1);

        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < nodes; i++) {
                assertThat(ring[i].send(ring[(i + 1) % nodes].localAddress(), bytes(round)))
                        .isTrue();
            }
        }

        awaitQuiet();
        for (int i = 0; i < nodes; i++) {
            Address previous = ring[(i + nodes - 1) % nodes].localAddress();
            assertThat(receivers[i].datagrams())
                    .hasSize(10)
                    .allMatch(d -> d.from().equals(previous));
        }
        assertThat(network.stats().delivered()).isEqualTo(10L * nodes);
    }
}
