package dev.gossip.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gossip.Address;
import dev.gossip.Delivery;
import dev.gossip.DisseminationConfig;
import dev.gossip.GossipConfig;
import dev.gossip.NodeId;
import dev.gossip.NodeSnapshot;
import dev.gossip.ViewChange;
import dev.gossip.core.codec.BinaryCodec;
import dev.gossip.testkit.StaticMembership;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The receive, dedup, deliver and forward path must allocate nothing per message (the JMH benchmark
 * checks the same with -prof gc). Measured with the JVM's per-thread allocation counter; any
 * per-message allocation would show as at least 16 bytes per message, far above the bound. Under
 * the tree the path also records the payload in the history (a reused slot buffer) and pushes over
 * the eager links; the sender's duplicates prune its link once.
 */
@Timeout(60)
class EngineAllocationTest {

    private static final int ID_LOW_OFFSET = 13; // see BinaryCodec's layout

    private long sink;

    @ParameterizedTest(name = "{0}")
    @EnumSource(DisseminationConfig.Mode.class)
    void theHotPathAllocatesNothingPerMessage(DisseminationConfig.Mode mode) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter on this JVM");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(
                mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "allocation counter disabled");

        List<NodeId> cluster = new ArrayList<>();
        for (int i = 0; i <= 8; i++) {
            cluster.add(NodeId.parse("10.0.0." + (i + 1) + ":7946"));
        }
        NodeId self = cluster.get(0);
        NodeId sender = cluster.get(1);
        // flood without a history; the tree with the defaults (anti-entropy on): both record each
        // payload in the history, whose slots are reused
        GossipConfig config = GossipConfig.lan().toBuilder()
                .dedupCapacity(1024)
                .dissemination(mode)
                .antiEntropy(
                        mode == DisseminationConfig.Mode.TREE
                                ? dev.gossip.AntiEntropyConfig.defaults()
                                : dev.gossip.AntiEntropyConfig.off())
                .build();
        GossipEngine engine = new GossipEngine(
                config,
                self,
                new BinaryCodec(config),
                StaticMembership.fullMesh(cluster),
                new SplittableRandom(1),
                () -> 0L,
                new Sink(),
                new Events());

        ByteBuffer datagram = ByteBuffer.allocate(1400);
        new BinaryCodec(config).encodeGossip(7, 0, sender, 0, ByteBuffer.allocate(100), datagram);
        datagram.flip();
        Address from = sender.address();

        run(engine, datagram, from, 0, 50_000);
        long before = mx.getCurrentThreadAllocatedBytes();
        run(engine, datagram, from, 50_000, 100_000);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;

        NodeSnapshot s = engine.snapshot(NodeSnapshot.State.RUNNING);
        assertThat(s.delivered()).isEqualTo(100_000);
        assertThat(s.duplicates()).isEqualTo(100_000);
        assertThat(s.forwarded()).isEqualTo(100_000L * 7);
        assertThat(allocated)
                .as("bytes allocated for 50,000 messages and 50,000 duplicates")
                .isLessThan(16_384);
    }

    /** Each id is sent twice: a first receipt, then a duplicate. */
    private static void run(GossipEngine engine, ByteBuffer datagram, Address from, int fromId, int toId) {
        int length = datagram.limit();
        for (int id = fromId; id < toId; id++) {
            datagram.putLong(ID_LOW_OFFSET, id);
            engine.onDatagram(from, datagram.limit(length).position(0));
            engine.onDatagram(from, datagram.limit(length).position(0));
        }
    }

    private final class Sink implements GossipEngine.Outbound {
        @Override
        public boolean send(Address to, ByteBuffer d) {
            sink += d.get(d.position()) + d.remaining();
            return true;
        }

        @Override
        public int maxDatagramBytes() {
            return 1400;
        }
    }

    private final class Events implements GossipEngine.Events {
        @Override
        public void onDelivery(Delivery d) {
            sink += d.idLow() + d.payload().remaining() + d.hops();
        }

        @Override
        public void onViewChange(ViewChange change) {}

        @Override
        public void onError(String context, Throwable error) {
            throw new AssertionError(context, error);
        }
    }
}
