package dev.gossip.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.AntiEntropyConfig;
import dev.gossip.DropReason;
import dev.gossip.GossipConfig;
import dev.gossip.MessageId;
import dev.gossip.NodeId;
import dev.gossip.NodeSnapshot;
import dev.gossip.OpaqueAddress;
import dev.gossip.core.codec.BinaryCodec;
import dev.gossip.spi.DigestFrame;
import dev.gossip.testkit.StaticMembership;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AntiEntropyTest {

    private static final long SEED = 7L;
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final NodeId A = new NodeId(OpaqueAddress.of("mem", "a"));
    private static final NodeId B = new NodeId(OpaqueAddress.of("mem", "b"));
    private static final NodeId C = new NodeId(OpaqueAddress.of("mem", "c"));

    private final EngineNetwork net = new EngineNetwork(1400);
    private final long[] now = {0};

    private static GossipConfig config(AntiEntropyConfig antiEntropy) {
        return GossipConfig.builder()
                .antiEntropy(antiEntropy)
                .dissemination(dev.gossip.DisseminationConfig.flood())
                .build();
    }

    private GossipEngine add(GossipConfig config, NodeId id, List<NodeId> all, long seed) {
        return net.add(config, id, StaticMembership.fullMesh(all), seed, () -> now[0]);
    }

    /** Advances the clock by one interval and ticks every engine, then runs the network. */
    private void round() {
        now[0] += INTERVAL.toNanos();
        net.engines.values().forEach(GossipEngine::onTick);
        net.run();
    }

    private static boolean isGossip(EngineNetwork.Datagram d) {
        return d.bytes().length > 3 && d.bytes()[3] == BinaryCodec.GOSSIP_FRAME;
    }

    private Set<MessageId> deliveredAt(NodeId node) {
        Set<MessageId> ids = new HashSet<>();
        net.events(node).deliveries.forEach(r -> ids.add(r.id()));
        return ids;
    }

    @Test
    void messagesLostOnTheWayArePulledInByTheNextDigestExchange() {
        GossipConfig config = config(AntiEntropyConfig.every(INTERVAL));
        GossipEngine a = add(config, A, List.of(A, B), SEED);
        add(config, B, List.of(A, B), SEED + 1);
        net.delivers = d -> !(isGossip(d) && d.to().equals(B.address()));
        List<MessageId> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(a.broadcast(ByteBuffer.wrap(new byte[] {(byte) i})));
        }
        net.run();
        assertThat(deliveredAt(B)).isEmpty();

        net.delivers = d -> true;
        round();
        round();
        assertThat(deliveredAt(B)).as("seed %d", SEED).containsExactlyInAnyOrderElementsOf(sent);
        Map<String, Long> countersB = net.engines
                .get(B.address())
                .snapshot(NodeSnapshot.State.RUNNING)
                .membershipCounters();
        Map<String, Long> countersA = a.snapshot(NodeSnapshot.State.RUNNING).membershipCounters();
        assertThat(countersB.get("antiEntropy.idsRequested")).isEqualTo(5);
        assertThat(countersA.get("antiEntropy.repairsSent")).isEqualTo(5);
        assertThat(countersA.get("antiEntropy.historySize")).isEqualTo(5);
        assertThat(countersA.get("antiEntropy.digestsSent") + countersB.get("antiEntropy.digestsSent"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aLongBacklogIsRepairedPageByPageThroughTheOlderHistory() {
        AntiEntropyConfig ae = new AntiEntropyConfig(INTERVAL, 16, 512);
        GossipConfig config = config(ae);
        GossipEngine a = add(config, A, List.of(A, B, C), SEED);
        add(config, B, List.of(A, B, C), SEED + 1);
        add(config, C, List.of(A, B, C), SEED + 2);
        net.delivers = d -> !d.to().equals(C.address()); // C is cut off
        List<MessageId> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sent.add(a.broadcast(ByteBuffer.wrap(new byte[] {(byte) i, 1, 2})));
            net.run();
        }
        net.delivers = d -> true;
        int rounds = 0;
        while (deliveredAt(C).size() < sent.size() && rounds < 200) {
            round();
            rounds++;
        }
        assertThat(deliveredAt(C))
                .as("after %d rounds, seed %d", rounds, SEED)
                .containsExactlyInAnyOrderElementsOf(sent);
        assertThat(net.events(C).deliveries).hasSize(sent.size());
        assertThat(rounds).as("rounds needed").isLessThan(100);
    }

    @Test
    void historyIsBoundedAndMessagesOlderThanItCannotBeRepaired() {
        AntiEntropyConfig ae = new AntiEntropyConfig(INTERVAL, 8, 10);
        GossipEngine a = add(config(ae), A, List.of(A, B), SEED);
        add(config(ae), B, List.of(A, B), SEED + 1);
        net.delivers = d -> !d.to().equals(B.address());
        for (int i = 0; i < 25; i++) {
            a.broadcast(ByteBuffer.wrap(new byte[] {(byte) i}));
        }
        net.run();
        net.delivers = d -> true;
        for (int i = 0; i < 10; i++) {
            round();
        }
        assertThat(a.snapshot(NodeSnapshot.State.RUNNING).membershipCounters().get("antiEntropy.historySize"))
                .isEqualTo(10);
        assertThat(deliveredAt(B)).hasSize(10);
    }

    /**
     * The tree keeps its own payload history ({@code DisseminationConfig.historyCapacity}, 1,024 by
     * default) in the same ring; anti-entropy must still advertise and repair only the newest
     * {@code AntiEntropyConfig.historyCapacity} of it, as documented, or the bound that keeps a
     * repair inside the duplicate filter is lost.
     */
    @Test
    void underTheTreeAntiEntropyStillAdvertisesOnlyItsOwnHistoryCapacity() {
        AntiEntropyConfig ae = new AntiEntropyConfig(INTERVAL, 8, 10);
        GossipConfig tree = GossipConfig.builder().antiEntropy(ae).build();
        assertThat(tree.dissemination().mode()).isEqualTo(dev.gossip.DisseminationConfig.Mode.TREE);
        GossipEngine a = add(tree, A, List.of(A, B), SEED);
        add(tree, B, List.of(A, B), SEED + 1);
        net.delivers = d -> !d.to().equals(B.address());
        for (int i = 0; i < 25; i++) {
            a.broadcast(ByteBuffer.wrap(new byte[] {(byte) i}));
        }
        net.run();
        net.delivers = d -> true;
        for (int i = 0; i < 10; i++) {
            round();
        }
        assertThat(a.snapshot(NodeSnapshot.State.RUNNING).membershipCounters().get("antiEntropy.historySize"))
                .isEqualTo(10);
        assertThat(deliveredAt(B))
                .as("only the 10 newest are repaired, seed %d", SEED)
                .hasSize(10);
    }

    /**
     * Under the tree a message younger than twice the tree's own repair time ({@code
     * announceInterval + graftTimeout}) is left out of digests: it may still be on its way down
     * the tree, and asking for it sent repairs crossing the tree's copies (the throughput race's
     * graft and prune storms). Older messages are listed and repaired as before.
     */
    @Test
    void underTheTreeADigestLeavesOutMessagesTheTreeMayStillDeliver() {
        Duration interval = Duration.ofMillis(100);
        GossipConfig tree = GossipConfig.builder()
                .antiEntropy(new AntiEntropyConfig(interval, 8, 64))
                .dissemination(dev.gossip.DisseminationConfig.tree()
                        .withTimers(Duration.ofMillis(100), Duration.ofMillis(200)))
                .build();
        long quiet = AntiEntropy.treeQuietNanos(tree.dissemination());
        assertThat(quiet).isEqualTo(Duration.ofMillis(600).toNanos());
        GossipEngine a = add(tree, A, List.of(A, B), SEED);
        GossipEngine b = add(tree, B, List.of(A, B), SEED + 1);
        net.delivers = d -> !d.to().equals(B.address());
        a.broadcast(ByteBuffer.wrap(new byte[] {1}));
        net.run();
        net.delivers = d -> true;

        while (now[0] + interval.toNanos() < quiet) { // a digest each way every tick, the message young
            now[0] += interval.toNanos();
            net.engines.values().forEach(GossipEngine::onTick);
            net.run();
        }
        long digests = counter(a, "antiEntropy.digestsSent") + counter(b, "antiEntropy.digestsSent");
        assertThat(digests).as("digests exchanged while young, seed %d", SEED).isGreaterThanOrEqualTo(4);
        assertThat(deliveredAt(B))
                .as("nothing listed while young, seed %d", SEED)
                .isEmpty();

        for (int i = 0; i < 3; i++) {
            now[0] += interval.toNanos();
            net.engines.values().forEach(GossipEngine::onTick);
            net.run();
        }
        assertThat(deliveredAt(B))
                .as("repaired once older than %d ns, seed %d", quiet, SEED)
                .hasSize(1);
    }

    private static long counter(GossipEngine engine, String name) {
        return engine.snapshot(NodeSnapshot.State.RUNNING).membershipCounters().getOrDefault(name, 0L);
    }

    /**
     * The harm when the bound is lost: a node whose duplicate filter (16 ids) already forgot an old
     * message is sent it again by anti-entropy and delivers it twice, although the anti-entropy
     * history (8) is below the filter as the documentation asks.
     */
    @Test
    void underTheTreeARepairNeverRedeliversAMessageTheDuplicateFilterForgot() {
        GossipConfig tree = GossipConfig.builder()
                .dedupCapacity(16)
                .antiEntropy(new AntiEntropyConfig(INTERVAL, 8, 8))
                .build();
        GossipEngine a = add(tree, A, List.of(A, B), SEED);
        add(tree, B, List.of(A, B), SEED + 1);
        for (int i = 0; i < 40; i++) {
            a.broadcast(ByteBuffer.wrap(new byte[] {(byte) i}));
            net.run();
        }
        assertThat(net.events(B).deliveries).hasSize(40);
        for (int i = 0; i < 20; i++) {
            round();
        }
        assertThat(net.events(B).deliveries)
                .as("deliveries at B, seed %d", SEED)
                .hasSize(40);
    }

    @Test
    void aRequestIsAnsweredWithAtMostMaxDigestIdsAndUnknownIdsAreCounted() {
        AntiEntropyConfig ae = new AntiEntropyConfig(INTERVAL, 4, 64);
        GossipEngine a = add(config(ae), A, List.of(A, B, C), SEED);
        List<MessageId> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(a.broadcast(ByteBuffer.wrap(new byte[] {(byte) i})));
        }
        long[] ids = new long[2 * 7];
        for (int i = 0; i < 6; i++) {
            ids[2 * i] = sent.get(i).high();
            ids[2 * i + 1] = sent.get(i).low();
        }
        ids[12] = 99;
        ids[13] = 99;
        ByteBuffer request = ByteBuffer.allocate(200);
        new BinaryCodec(GossipConfig.lan()).encodeDigest(DigestFrame.REQUEST, ids, 7, request);
        int before = net.sent.size();
        a.onDatagram(B.address(), request.flip());
        assertThat(net.sent.size() - before)
                .as("four repairs to one node, bundled in one datagram")
                .isEqualTo(1);
        assertThat(a.snapshot(NodeSnapshot.State.RUNNING).membershipCounters().get("antiEntropy.repairsSent"))
                .isEqualTo(4);

        ByteBuffer unknown = ByteBuffer.allocate(200);
        new BinaryCodec(GossipConfig.lan()).encodeDigest(DigestFrame.REQUEST, new long[] {99, 99}, 1, unknown);
        a.onDatagram(C.address(), unknown.flip());
        assertThat(a.snapshot(NodeSnapshot.State.RUNNING).membershipCounters().get("antiEntropy.repairsUnavailable"))
                .isEqualTo(1);
    }

    @Test
    void offSendsNoDigestAndDropsAntiEntropyFramesAsUnknown() {
        GossipConfig off = GossipConfig.lan().toBuilder()
                .antiEntropy(AntiEntropyConfig.off())
                .build();
        GossipEngine a = add(off, A, List.of(A, B), SEED);
        add(off, B, List.of(A, B), SEED + 1);
        a.broadcast(ByteBuffer.wrap(new byte[] {1}));
        net.run();
        int before = net.sent.size();
        for (int i = 0; i < 5; i++) {
            round();
        }
        assertThat(net.sent.size()).isEqualTo(before);
        ByteBuffer digest = ByteBuffer.allocate(100);
        new BinaryCodec(GossipConfig.lan()).encodeDigest(DigestFrame.DIGEST, new long[0], 0, digest);
        a.onDatagram(B.address(), digest.flip());
        NodeSnapshot s = a.snapshot(NodeSnapshot.State.RUNNING);
        assertThat(s.drops(DropReason.UNKNOWN_TYPE)).isEqualTo(1);
        assertThat(s.membershipCounters()).doesNotContainKey("antiEntropy.digestsSent");
        assertThat(net.sent.size()).isEqualTo(before);
    }

    @Test
    void aDigestFloodFromOneSenderIsRateLimited() {
        GossipEngine a = add(config(AntiEntropyConfig.every(INTERVAL)), A, List.of(A, B), SEED);
        ByteBuffer digest = ByteBuffer.allocate(100);
        new BinaryCodec(GossipConfig.lan()).encodeDigest(DigestFrame.DIGEST, new long[0], 0, digest);
        digest.flip();
        for (int i = 0; i < 10_000; i++) {
            a.onDatagram(B.address(), digest.duplicate());
        }
        NodeSnapshot s = a.snapshot(NodeSnapshot.State.RUNNING);
        assertThat(s.drops(DropReason.RATE_LIMITED)).isPositive();
        assertThat(s.membershipCounters().get("antiEntropy.digestsReceived") + s.drops(DropReason.RATE_LIMITED))
                .isEqualTo(10_000);
        assertThat(s.membershipCounters().get("antiEntropy.digestsReceived"))
                .isLessThanOrEqualTo(GossipConfig.lan().rateLimit().burst());
    }
    /**
     * Anti-entropy is on by default, so it must not answer strangers: a 6-byte digest would draw a
     * reply of up to 1,030 bytes, and a request up to maxDigestIds payloads, to any (spoofed) source.
     */
    @Test
    void digestsAndRequestsFromANodeInNeitherViewAreRefused() {
        GossipEngine a = add(config(AntiEntropyConfig.every(INTERVAL)), A, List.of(A, B), SEED);
        MessageId sent = a.broadcast(ByteBuffer.wrap(new byte[] {1}));
        net.queue.clear();
        int before = net.sent.size();
        ByteBuffer digest = ByteBuffer.allocate(100);
        new BinaryCodec(GossipConfig.lan()).encodeDigest(DigestFrame.DIGEST, new long[0], 0, digest);
        a.onDatagram(C.address(), digest.flip());
        ByteBuffer request = ByteBuffer.allocate(100);
        new BinaryCodec(GossipConfig.lan())
                .encodeDigest(DigestFrame.REQUEST, new long[] {sent.high(), sent.low()}, 1, request);
        a.onDatagram(C.address(), request.flip());
        assertThat(net.sent.size()).as("nothing sent to the stranger").isEqualTo(before);
        NodeSnapshot s = a.snapshot(NodeSnapshot.State.RUNNING);
        assertThat(s.drops(DropReason.REJECTED_BY_MEMBERSHIP)).isEqualTo(2);
        assertThat(s.membershipCounters())
                .containsEntry("antiEntropy.refused", 2L)
                .containsEntry("antiEntropy.digestsReceived", 0L)
                .containsEntry("antiEntropy.repairsSent", 0L);

        ByteBuffer fromNeighbour = ByteBuffer.allocate(100);
        new BinaryCodec(GossipConfig.lan()).encodeDigest(DigestFrame.DIGEST, new long[0], 0, fromNeighbour);
        a.onDatagram(B.address(), fromNeighbour.flip());
        assertThat(net.sent.size()).as("a neighbour's digest is answered").isEqualTo(before + 1);
    }
}
