package dev.gossip.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.DisseminationConfig;
import dev.gossip.GossipConfig;
import dev.gossip.MessageId;
import dev.gossip.NodeId;
import dev.gossip.NodeSnapshot;
import dev.gossip.core.codec.BinaryCodec;
import dev.gossip.testkit.StaticMembership;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tree in whole engines over an in-process network: prune to a tree, graft around losses. */
@Timeout(30)
class TreeDisseminationTest {

    private static final long SEED = 11L;
    private static final Duration TICK = Duration.ofMillis(20);
    private static final GossipConfig TREE = GossipConfig.local().toBuilder().build();
    private static final GossipConfig FLOOD =
            TREE.toBuilder().dissemination(DisseminationConfig.flood()).build();

    private final EngineNetwork net = new EngineNetwork(1400);
    private final long[] now = {0};
    private final List<NodeId> nodes = new ArrayList<>();

    private void cluster(int n, GossipConfig... configs) {
        for (int i = 0; i < n; i++) {
            nodes.add(NodeId.parse("127.0.0.1:" + (7000 + i)));
        }
        for (int i = 0; i < n; i++) {
            GossipConfig config = configs[Math.min(i, configs.length - 1)];
            net.add(config, nodes.get(i), StaticMembership.fullMesh(nodes), SEED + i, () -> now[0]);
        }
    }

    /** Runs the network, then ticks every engine for {@code ticks} ticks, running after each. */
    private void settle(int ticks) {
        net.run();
        for (int t = 0; t < ticks; t++) {
            now[0] += TICK.toNanos();
            net.engines.values().forEach(GossipEngine::onTick);
            net.run();
        }
    }

    private GossipEngine engine(int i) {
        return net.engines.get(nodes.get(i).address());
    }

    private long total(java.util.function.ToLongFunction<NodeSnapshot> f) {
        return net.engines.values().stream()
                .mapToLong(e -> f.applyAsLong(e.snapshot(NodeSnapshot.State.RUNNING)))
                .sum();
    }

    private static long counter(NodeSnapshot s, String name) {
        return s.membershipCounters().getOrDefault(name, 0L);
    }

    private Set<MessageId> deliveredAt(int i) {
        Set<MessageId> ids = new HashSet<>();
        net.events(nodes.get(i)).deliveries.forEach(r -> ids.add(r.id()));
        return ids;
    }

    @Test
    void afterAFewMessagesEachDeliveryCostsOnePayloadDatagramAndNoControlTraffic() {
        int n = 12;
        cluster(n, TREE);
        SplittableRandom random = new SplittableRandom(SEED);
        int warmup = warmUp(n);
        long payloadBefore = total(s -> counter(s, "datagrams.payload"));
        long prunesBefore = total(s -> counter(s, "tree.prunesSent"));
        long graftsBefore = total(s -> counter(s, "tree.graftsSent"));
        int messages = 30;
        for (int m = 0; m < messages; m++) {
            engine(random.nextInt(n)).broadcast(ByteBuffer.wrap(new byte[] {(byte) m}));
            settle(0);
        }
        settle(10);
        for (int i = 0; i < n; i++) {
            assertThat(net.events(nodes.get(i)).deliveries)
                    .as("node %d, seed %d", i, SEED)
                    .hasSize(messages + warmup - ownBroadcasts(i));
        }
        long payload = total(s -> counter(s, "datagrams.payload")) - payloadBefore;
        assertThat(payload)
                .as("payload datagrams for %d messages to %d nodes", messages, n - 1)
                .isEqualTo((long) messages * (n - 1));
        assertThat(total(s -> counter(s, "tree.prunesSent")) - prunesBefore).isZero();
        assertThat(total(s -> counter(s, "tree.graftsSent")) - graftsBefore).isZero();
        assertThat(total(NodeSnapshot::duplicates))
                .as("duplicates, all during the warm-up")
                .isPositive();
    }

    /** One message from each of the first nodes, each run to quiescence: the prunes form the tree. */
    private int warmUp(int n) {
        int messages = Math.min(n, 5);
        for (int m = 0; m < messages; m++) {
            engine(m).broadcast(ByteBuffer.wrap(new byte[] {(byte) m}));
            settle(5);
        }
        return messages;
    }

    private int ownBroadcasts(int i) {
        return (int) net.engines
                .get(nodes.get(i).address())
                .snapshot(NodeSnapshot.State.RUNNING)
                .broadcasts();
    }

    @Test
    void aMessageLostOnAnEagerLinkIsGraftedFromAnAnnouncer() {
        int n = 8;
        cluster(n, TREE);
        warmUp(n);
        // from now on every payload to node 5 is lost, graft answers included, until it asks
        NodeId victim = nodes.get(5);
        boolean[] grafted = {false};
        net.delivers = d -> {
            boolean payload = d.bytes()[3] == BinaryCodec.GOSSIP_FRAME;
            if (d.to().equals(victim.address()) && payload && !grafted[0]) {
                return false;
            }
            if (d.from().equals(victim.address())
                    && d.bytes()[3] == BinaryCodec.DIGEST_FRAME
                    && d.bytes()[4] == dev.gossip.spi.DigestFrame.GRAFT) {
                grafted[0] = true;
            }
            return true;
        };
        MessageId id = engine(1).broadcast(ByteBuffer.wrap(new byte[] {2}));
        net.run();
        assertThat(deliveredAt(5)).doesNotContain(id);
        settle(10);
        assertThat(deliveredAt(5)).as("seed %d", SEED).contains(id);
        NodeSnapshot s = engine(5).snapshot(NodeSnapshot.State.RUNNING);
        assertThat(counter(s, "tree.graftsSent")).isPositive();
        for (int i = 0; i < n; i++) {
            if (i != 1) {
                assertThat(deliveredAt(i)).as("node %d", i).contains(id);
            }
        }
    }

    @Test
    void aRunOfLostMessagesCostsOneGraftAndTheRestArePulled() {
        int n = 8;
        cluster(n, TREE); // the local preset: anti-entropy on, so there is a request frame to pull with
        warmUp(n);
        long prunesBefore = counter(engine(5).snapshot(NodeSnapshot.State.RUNNING), "tree.prunesSent");
        NodeId victim = nodes.get(5);
        boolean[] asked = {false};
        net.delivers = d -> {
            if (d.from().equals(victim.address()) && d.bytes()[3] == BinaryCodec.DIGEST_FRAME) {
                asked[0] = true; // a graft or a request: from now on nothing is lost
            }
            return asked[0] || !d.to().equals(victim.address()) || d.bytes()[3] != BinaryCodec.GOSSIP_FRAME;
        };
        List<MessageId> ids = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            ids.add(engine(1).broadcast(ByteBuffer.wrap(new byte[] {(byte) (10 + m)})));
            net.run();
        }
        assertThat(deliveredAt(5)).doesNotContainAnyElementsOf(ids);
        settle(10);
        assertThat(deliveredAt(5)).as("seed %d", SEED).containsAll(ids);
        NodeSnapshot s = engine(5).snapshot(NodeSnapshot.State.RUNNING);
        assertThat(counter(s, "tree.graftsSent"))
                .as("one link grafted, seed %d", SEED)
                .isEqualTo(1);
        assertThat(counter(s, "tree.fetchesSent"))
                .as("the others pulled, seed %d", SEED)
                .isEqualTo(2);
        assertThat(counter(s, "tree.prunesSent") - prunesBefore)
                .as("copies of what it pulled make it prune nothing, seed %d", SEED)
                .isZero();
    }

    @Test
    void aFloodingNodeInATreeClusterStillDeliversAndIsDelivered() {
        int n = 6;
        cluster(n, FLOOD, TREE);
        List<MessageId> ids = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
            ids.add(engine(m % n).broadcast(ByteBuffer.wrap(new byte[] {(byte) m})));
            settle(5);
        }
        for (int i = 0; i < n; i++) {
            Set<MessageId> expected = new HashSet<>(ids);
            for (int m = i; m < ids.size(); m += n) {
                expected.remove(ids.get(m));
            }
            assertThat(deliveredAt(i)).as("node %d, seed %d", i, SEED).isEqualTo(expected);
        }
        assertThat(engine(0).snapshot(NodeSnapshot.State.RUNNING).drops().get(dev.gossip.DropReason.HANDLER_ERROR))
                .isZero();
    }

    @Test
    void controlFramesFromAStrangerAreRefusedAndCounted() {
        cluster(3, TREE);
        engine(0).broadcast(ByteBuffer.wrap(new byte[] {1}));
        settle(2);
        ByteBuffer graft = ByteBuffer.allocate(100);
        new BinaryCodec(TREE).encodeDigest(dev.gossip.spi.DigestFrame.GRAFT, new long[] {1, 1}, 1, graft);
        int before = net.sent.size();
        engine(0).onDatagram(NodeId.parse("127.0.0.1:9999").address(), graft.flip());
        assertThat(net.sent.size()).as("nothing sent to a stranger").isEqualTo(before);
        assertThat(engine(0)
                        .snapshot(NodeSnapshot.State.RUNNING)
                        .drops()
                        .get(dev.gossip.DropReason.REJECTED_BY_MEMBERSHIP))
                .isEqualTo(1);
    }

    @Test
    void aRepairCrossingTheTreesCopyPrunesNothing() {
        cluster(3, TREE); // the local preset: anti-entropy on
        warmUp(3);
        BinaryCodec codec = new BinaryCodec(TREE);
        NodeId origin = nodes.get(2);
        long[] ids = {77, 78};
        // B (node 1) lists an id that A (node 0) has not seen: A requests it
        ByteBuffer digest = ByteBuffer.allocate(100);
        codec.encodeDigest(dev.gossip.spi.DigestFrame.DIGEST, ids, 1, digest);
        engine(0).onDatagram(nodes.get(1).address(), digest.flip());
        net.queue.clear();
        ByteBuffer gossip = ByteBuffer.allocate(200);
        codec.encodeGossip(77, 78, origin, 1, ByteBuffer.wrap(new byte[] {9}), gossip);
        gossip.flip();
        long prunesBefore = counter(engine(0).snapshot(NodeSnapshot.State.RUNNING), "tree.prunesSent");
        // the tree's copy from C, then the repair from B, twice over (two duplicates would prune)
        engine(0).onDatagram(nodes.get(2).address(), gossip.duplicate());
        engine(0).onDatagram(nodes.get(1).address(), gossip.duplicate());
        engine(0).onDatagram(nodes.get(1).address(), gossip.duplicate());
        NodeSnapshot s = engine(0).snapshot(NodeSnapshot.State.RUNNING);
        assertThat(counter(s, "tree.prunesSent")).as("seed %d", SEED).isEqualTo(prunesBefore);
        assertThat(s.duplicates()).isPositive();
    }
}
