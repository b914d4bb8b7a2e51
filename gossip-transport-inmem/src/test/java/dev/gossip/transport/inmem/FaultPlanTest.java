package dev.gossip.transport.inmem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.gossip.Address;
import dev.gossip.OpaqueAddress;
import dev.gossip.TransportConfig;
import dev.gossip.spi.Transport;
import dev.gossip.testkit.RecordingReceiver;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Seeded loss and partitions on an in-memory network. */
class FaultPlanTest {

    private static final long SEED = 0x5EED_F417L;

    private final List<InMemoryNetwork> networks = new ArrayList<>();

    @AfterEach
    void closeNetworks() {
        networks.forEach(InMemoryNetwork::close);
    }

    private InMemoryNetwork network() {
        InMemoryNetwork network = InMemoryNetwork.create();
        networks.add(network);
        return network;
    }

    private static Transport node(InMemoryNetwork network, String name, RecordingReceiver receiver) {
        Transport transport =
                network.transport(TransportConfig.builder().bind("mem:" + name).build());
        transport.start(receiver);
        return transport;
    }

    private static void awaitQuiet(InMemoryNetwork network) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> network.stats().inFlight() == 0);
    }

    /** Sends {@code count} numbered datagrams a→b under {@code plan} and returns which arrived. */
    private BitSet arrivals(FaultPlan plan, int count) {
        InMemoryNetwork network = network();
        RecordingReceiver atB = new RecordingReceiver();
        Transport a = node(network, "a", new RecordingReceiver());
        Transport b = node(network, "b", atB);
        network.setFaultPlan(plan);
        for (int i = 0; i < count; i++) {
            assertThat(a.send(b.localAddress(), ByteBuffer.allocate(4).putInt(0, i)))
                    .isTrue();
        }
        awaitQuiet(network);
        BitSet arrived = new BitSet(count);
        atB.datagrams().forEach(d -> arrived.set(ByteBuffer.wrap(d.bytes()).getInt()));
        assertThat(network.stats().delivered() + network.stats().dropped(DropCause.LOSS))
                .as("every datagram delivered or lost, seed %d", plan.seed())
                .isEqualTo(count);
        return arrived;
    }

    @Test
    void lossIsDeterministicForASeedAndNearItsProbability() {
        FaultPlan plan = FaultPlan.builder(SEED).loss(0.3).build();

        BitSet first = arrivals(plan, 2000);
        BitSet second = arrivals(plan, 2000);
        BitSet otherSeed = arrivals(FaultPlan.builder(SEED + 1).loss(0.3).build(), 2000);

        assertThat(second).as("same seed %d, same sends", SEED).isEqualTo(first);
        assertThat(otherSeed).as("seed %d vs %d", SEED, SEED + 1).isNotEqualTo(first);
        assertThat(first.cardinality() / 2000.0)
                .as("delivered fraction, seed %d", SEED)
                .isCloseTo(0.7, within(0.05));
    }

    @Test
    void linkLossIsOneWayAndCombinesWithGlobalLoss() {
        Address a = OpaqueAddress.of("mem", "a");
        Address b = OpaqueAddress.of("mem", "b");
        FaultPlan plan = FaultPlan.builder(SEED).loss(0.5).linkLoss(a, b, 0.5).build();

        assertThat(plan.lossProbability(a, b)).isEqualTo(0.75);
        assertThat(plan.lossProbability(b, a)).isEqualTo(0.5);
        assertThat(FaultPlan.builder(SEED).linkLoss(a, b, 1).build().lossProbability(a, b))
                .isEqualTo(1);
        assertThat(arrivals(FaultPlan.builder(SEED).linkLoss(a, b, 1).build(), 100)
                        .isEmpty())
                .isTrue();
    }

    @Test
    void aPartitionDropsBothWaysAndHealing() {
        InMemoryNetwork network = network();
        RecordingReceiver atA = new RecordingReceiver();
        RecordingReceiver atB = new RecordingReceiver();
        RecordingReceiver atC = new RecordingReceiver();
        Transport a = node(network, "a", atA);
        Transport b = node(network, "b", atB);
        Transport c = node(network, "c", atC);
        network.setFaultPlan(
                FaultPlan.builder(SEED).partition(Set.of(a.localAddress())).build());

        assertThat(a.send(b.localAddress(), ByteBuffer.allocate(1)))
                .as("loss is silent")
                .isTrue();
        b.send(a.localAddress(), ByteBuffer.allocate(1));
        b.send(c.localAddress(), ByteBuffer.allocate(1));
        awaitQuiet(network);
        assertThat(atA.count() + atB.count()).isZero();
        assertThat(atC.count()).as("b and c share the remaining side").isEqualTo(1);
        assertThat(network.stats().dropped(DropCause.PARTITION)).isEqualTo(2);

        network.setFaultPlan(FaultPlan.NONE);
        a.send(b.localAddress(), ByteBuffer.allocate(1));
        awaitQuiet(network);
        assertThat(atB.count()).isEqualTo(1);
    }

    @Test
    void severalSidesAreCutFromEachOther() {
        Address a = OpaqueAddress.of("mem", "a");
        Address b = OpaqueAddress.of("mem", "b");
        Address c = OpaqueAddress.of("mem", "c");
        Address d = OpaqueAddress.of("mem", "d");
        FaultPlan plan = FaultPlan.builder(SEED)
                .partition(Set.of(a, b))
                .partition(Set.of(c))
                .build();

        assertThat(plan.partitioned(a, b)).isFalse();
        assertThat(plan.partitioned(a, c)).isTrue();
        assertThat(plan.partitioned(c, d)).isTrue();
        assertThat(plan.partitioned(b, d)).isTrue();
        assertThat(plan.isEmpty()).isFalse();
        assertThat(FaultPlan.NONE.isEmpty()).isTrue();
    }

    @Test
    void builderRejectsBadValues() {
        Address a = OpaqueAddress.of("mem", "a");
        assertThatThrownBy(() -> FaultPlan.builder(1).loss(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loss");
        assertThatThrownBy(() -> FaultPlan.builder(1).loss(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultPlan.builder(1).linkLoss(a, a, -0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultPlan.builder(1).partition(Set.of(a)).partition(Set.of(a)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mem:a");
    }
}
