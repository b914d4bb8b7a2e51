package dev.gossip.transport.inmem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gossip.Address;
import dev.gossip.IpAddress;
import dev.gossip.TransportConfig;
import dev.gossip.spi.Transport;
import dev.gossip.testkit.RecordingReceiver;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delay, duplication, reordering, cuts, crash, pause and restart on a live in-memory network. */
class NodeFaultsTest {

    private static final long SEED = 0x0DD5L;

    private final InMemoryNetwork network = InMemoryNetwork.create();
    private final RecordingReceiver atA = new RecordingReceiver();
    private final RecordingReceiver atB = new RecordingReceiver();
    private final Transport a = node("a", atA);
    private final Transport b = node("b", atB);

    @AfterEach
    void close() {
        network.close();
    }

    private Transport node(String name, RecordingReceiver receiver) {
        Transport transport =
                network.transport(TransportConfig.builder().bind("mem:" + name).build());
        transport.start(receiver);
        return transport;
    }

    private void awaitQuiet() {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(2))
                .until(() -> network.stats().inFlight() == 0);
    }

    private static ByteBuffer number(int i) {
        return ByteBuffer.allocate(4).putInt(0, i);
    }

    private static List<Integer> numbers(RecordingReceiver receiver) {
        return receiver.datagrams().stream()
                .map(d -> ByteBuffer.wrap(d.bytes()).getInt())
                .toList();
    }

    private void sendNumbered(Transport from, Transport to, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(from.send(to.localAddress(), number(i))).isTrue();
        }
    }

    @Test
    void delayHoldsDatagramsBackAndJitterReordersThem() {
        network.setFaultPlan(FaultPlan.builder(SEED)
                .delay(Duration.ofMillis(30), Duration.ofMillis(20))
                .build());
        long start = System.nanoTime();
        sendNumbered(a, b, 200);

        await().atMost(Duration.ofSeconds(10)).until(() -> atB.count() == 200);
        assertThat(System.nanoTime() - start)
                .as("nothing before the fixed delay")
                .isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
        assertThat(numbers(atB))
                .as("all arrive once, seed %d", SEED)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.IntStream.range(0, 200).boxed().toList());
        assertThat(numbers(atB))
                .as("jitter reorders, seed %d", SEED)
                .isNotEqualTo(java.util.stream.IntStream.range(0, 200).boxed().toList());
    }

    @Test
    void heldBackDatagramsAreOvertaken() {
        network.setFaultPlan(
                FaultPlan.builder(SEED).reorder(0.2, Duration.ofMillis(20)).build());
        sendNumbered(a, b, 500);
        awaitQuiet();

        List<Integer> got = numbers(atB);
        assertThat(got)
                .hasSize(500)
                .isNotEqualTo(java.util.stream.IntStream.range(0, 500).boxed().toList());
    }

    @Test
    void duplicatesArriveTwiceAndAreCounted() {
        network.setFaultPlan(FaultPlan.builder(SEED).duplicate(0.25).build());
        sendNumbered(a, b, 1000);
        awaitQuiet();

        InMemoryNetwork.Stats stats = network.stats();
        assertThat(atB.count()).isEqualTo(1000 + stats.duplicated());
        assertThat(stats.duplicated()).as("seed %d", SEED).isBetween(200L, 300L);
        assertThat(stats.delivered()).isEqualTo(atB.count());
    }

    @Test
    void sameSeedSameDropsAndDuplicates() {
        FaultPlan plan = FaultPlan.builder(SEED).loss(0.3).duplicate(0.2).build();
        network.setFaultPlan(plan);
        sendNumbered(a, b, 1000);
        awaitQuiet();
        List<Integer> first = numbers(atB);

        network.setFaultPlan(plan); // reseeds
        sendNumbered(b, a, 1000);
        awaitQuiet();

        assertThat(numbers(atA)).as("same seed %d, same send order", SEED).isEqualTo(first);
    }

    @Test
    void aCutIsOneWay() {
        network.setFaultPlan(FaultPlan.builder(SEED)
                .cut(Set.of(a.localAddress()), Set.of(b.localAddress()))
                .build());
        a.send(b.localAddress(), number(1));
        b.send(a.localAddress(), number(2));
        awaitQuiet();

        assertThat(atB.count()).isZero();
        assertThat(numbers(atA)).containsExactly(2);
        assertThat(network.stats().dropped(DropCause.PARTITION)).isEqualTo(1);
    }

    @Test
    void aCrashedNodeNeitherHearsNorSpeaksUntilRestarted() {
        network.crash(b.localAddress());
        assertThat(network.isCrashed(b.localAddress())).isTrue();
        assertThat(a.send(b.localAddress(), number(1))).as("loss is silent").isTrue();
        assertThat(b.send(a.localAddress(), number(2))).isTrue();
        awaitQuiet();
        assertThat(atA.count() + atB.count()).isZero();
        assertThat(network.stats().dropped(DropCause.CRASHED)).isEqualTo(2);

        network.restart(b.localAddress());
        a.send(b.localAddress(), number(3));
        b.send(a.localAddress(), number(4));
        awaitQuiet();
        assertThat(numbers(atB)).containsExactly(3);
        assertThat(numbers(atA)).containsExactly(4);
    }

    @Test
    void aCrashDropsWhatIsAlreadyInFlightToTheNode() {
        network.setFaultPlan(FaultPlan.builder(SEED)
                .delay(Duration.ofMillis(200), Duration.ZERO)
                .build());
        a.send(b.localAddress(), number(1));
        network.crash(b.localAddress());
        awaitQuiet();
        assertThat(atB.count()).isZero();
        assertThat(network.stats().dropped(DropCause.CRASHED)).isEqualTo(1);
    }

    @Test
    void aPausedNodesTrafficIsHeldAndDeliveredInOrderOnResume() {
        network.pause(b.localAddress());
        sendNumbered(a, b, 50);
        sendNumbered(b, a, 50);
        awaitQuiet();
        assertThat(atA.count() + atB.count()).isZero();
        assertThat(network.stats().held()).isEqualTo(100);
        assertThat(network.isPaused(b.localAddress())).isTrue();

        network.resume(b.localAddress());
        awaitQuiet();
        List<Integer> inOrder = java.util.stream.IntStream.range(0, 50).boxed().toList();
        assertThat(numbers(atB)).isEqualTo(inOrder);
        assertThat(numbers(atA)).isEqualTo(inOrder);
        assertThat(network.stats().held()).isZero();
        assertThat(network.isPaused(b.localAddress())).isFalse();
    }

    @Test
    void restartingAPausedNodeLosesWhatWasHeld() {
        network.pause(b.localAddress());
        sendNumbered(a, b, 5);
        awaitQuiet();
        network.restart(b.localAddress());
        a.send(b.localAddress(), number(9));
        awaitQuiet();
        assertThat(numbers(atB)).containsExactly(9);
        assertThat(network.stats().dropped(DropCause.CRASHED)).isEqualTo(5);
    }

    @Test
    void aFreshNodeCanTakeOverACrashedAddress() {
        network.crash(b.localAddress());
        b.close();
        RecordingReceiver atNewB = new RecordingReceiver();
        Transport newB = node("b", atNewB);
        network.restart(newB.localAddress());
        a.send(newB.localAddress(), number(7));
        awaitQuiet();
        assertThat(numbers(atNewB)).containsExactly(7);
    }

    @Test
    void nodeFaultsNeedMemAddresses() {
        Address ip = IpAddress.parse("127.0.0.1:1");
        assertThatThrownBy(() -> network.crash(ip))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("127.0.0.1");
    }
}
