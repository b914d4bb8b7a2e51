package dev.gossip.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.DropReason;
import dev.gossip.GossipConfig;
import dev.gossip.MessageId;
import dev.gossip.NodeId;
import dev.gossip.NodeSnapshot;
import dev.gossip.OpaqueAddress;
import dev.gossip.PayloadTooLargeException;
import dev.gossip.ViewChange;
import dev.gossip.core.codec.BinaryCodec;
import dev.gossip.spi.MembershipMessage;
import dev.gossip.testkit.StaticMembership;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GossipEngineTest {

    private static final long SEED = 42L;
    /** These tests pin the paper's flood; the tree has tests of its own (TreeDisseminationTest). */
    private static final GossipConfig CONFIG = GossipConfig.lan().toBuilder()
            .dissemination(dev.gossip.DisseminationConfig.flood())
            .build();

    private static final NodeId A = NodeId.parse("127.0.0.1:7001");
    private static final NodeId B = NodeId.parse("127.0.0.1:7002");
    private static final NodeId C = new NodeId(OpaqueAddress.of("mem", "c"));
    private static final NodeId D = NodeId.parse("[::1]:7004");
    private static final NodeId E = new NodeId(OpaqueAddress.of("mem", "e"));
    private static final List<NodeId> FIVE = List.of(A, B, C, D, E);

    private final EngineNetwork net = new EngineNetwork(1400);

    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private EngineNetwork fullMesh(GossipConfig config) {
        for (int i = 0; i < FIVE.size(); i++) {
            net.add(config, FIVE.get(i), StaticMembership.fullMesh(FIVE), SEED + i);
        }
        return net;
    }

    private EngineNetwork topology(GossipConfig config, Map<NodeId, List<NodeId>> views) {
        int i = 0;
        for (NodeId node : views.keySet().stream()
                .sorted((x, y) -> x.toString().compareTo(y.toString()))
                .toList()) {
            net.add(config, node, StaticMembership.withViews(views), SEED + i++);
        }
        return net;
    }

    @Test
    void fullMeshDeliversEveryMessageExactlyOnceAndCountsDuplicates() {
        fullMesh(CONFIG);
        List<MessageId> ids = new ArrayList<>();
        for (NodeId origin : FIVE) {
            ids.add(net.engines.get(origin.address()).broadcast(text("from " + origin)));
            net.run();
        }
        for (NodeId node : FIVE) {
            List<MessageId> got = net.events(node).deliveries.stream()
                    .map(EngineNetwork.Received::id)
                    .toList();
            List<MessageId> expected = new ArrayList<>(ids);
            expected.remove(FIVE.indexOf(node));
            assertThat(got).as("deliveries at %s", node).containsExactlyInAnyOrderElementsOf(expected);
            NodeSnapshot s = net.engines.get(node.address()).snapshot(NodeSnapshot.State.RUNNING);
            assertThat(s.broadcasts()).isEqualTo(1);
            assertThat(s.delivered()).isEqualTo(4);
            assertThat(s.totalDrops()).isZero();
        }
        // Per broadcast: 4 first copies, then each receiver forwards to its 3 other peers; all duplicates.
        long duplicates = 0;
        long forwarded = 0;
        long sent = 0;
        for (NodeId node : FIVE) {
            NodeSnapshot s = net.engines.get(node.address()).snapshot(NodeSnapshot.State.RUNNING);
            duplicates += s.duplicates();
            forwarded += s.forwarded();
            sent += s.datagramsSent();
        }
        assertThat(forwarded).isEqualTo(5 * 4 * 3);
        assertThat(duplicates).isEqualTo(5 * 4 * 3);
        assertThat(sent).isEqualTo(5 * (4 + 12));
    }

    @Test
    void deliveryCarriesOriginHopsAndPayload() {
        topology(CONFIG, Map.of(A, List.of(B), B, List.of(C), C, List.of()));
        MessageId id = net.engines.get(A.address()).broadcast(text("hello"));
        net.run();
        EngineNetwork.Received atB = net.events(B).deliveries.get(0);
        EngineNetwork.Received atC = net.events(C).deliveries.get(0);
        assertThat(atB.id()).isEqualTo(id);
        assertThat(atB.origin()).isEqualTo(A);
        assertThat(atB.hops()).isZero();
        assertThat(atC.hops()).isEqualTo(1);
        assertThat(new String(atC.payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void neverForwardsBackToTheSender() {
        topology(CONFIG, Map.of(A, List.of(B), B, List.of(A, C), C, List.of(B)));
        net.engines.get(A.address()).broadcast(text("x"));
        net.run();
        assertThat(net.sentFrom(B)).extracting(EngineNetwork.Datagram::to).containsExactly(C.address());
        assertThat(net.sentFrom(C)).as("C's only peer is B, the sender").isEmpty();
        assertThat(net.events(A).deliveries).isEmpty();
    }

    @Test
    void echoesOfOwnMessagesAreDuplicatesAndNotDelivered() {
        topology(CONFIG, Map.of(A, List.of(B), B, List.of(C), C, List.of(A)));
        net.engines.get(A.address()).broadcast(text("ring"));
        net.run();
        NodeSnapshot a = net.engines.get(A.address()).snapshot(NodeSnapshot.State.RUNNING);
        assertThat(a.delivered()).isZero();
        assertThat(a.duplicates()).isEqualTo(1);
        assertThat(net.events(A).deliveries).isEmpty();
        assertThat(net.events(B).deliveries).hasSize(1);
        assertThat(net.events(C).deliveries).hasSize(1);
    }

    @Test
    void ownMessagesAreDeliveredOnceWhenAskedFor() {
        GossipConfig own = CONFIG.toBuilder().deliverOwnMessages(true).build();
        topology(own, Map.of(A, List.of(B), B, List.of(C), C, List.of(A)));
        MessageId id = net.engines.get(A.address()).broadcast(text("mine"));
        net.run();
        assertThat(net.events(A).deliveries).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(id);
            assertThat(d.origin()).isEqualTo(A);
            assertThat(d.hops()).isZero();
            assertThat(new String(d.payload(), StandardCharsets.UTF_8)).isEqualTo("mine");
        });
        assertThat(net.engines
                        .get(A.address())
                        .snapshot(NodeSnapshot.State.RUNNING)
                        .duplicates())
                .isEqualTo(1);
    }

    @Test
    void broadcastLeavesThePayloadPositionAlone() {
        fullMesh(CONFIG);
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {1, 2, 3, 4}).position(1);
        net.engines.get(A.address()).broadcast(payload);
        assertThat(payload.position()).isEqualTo(1);
        net.run();
        assertThat(net.events(B).deliveries.get(0).payload()).containsExactly(2, 3, 4);
    }

    @Test
    void payloadTooLargeAtBothLimits() {
        GossipConfig small = CONFIG.toBuilder().maxPayloadBytes(100).build();
        EngineNetwork tight = new EngineNetwork(120);
        GossipEngine a = tight.add(small, A, StaticMembership.fullMesh(List.of(A, B)), SEED);
        int overhead = new BinaryCodec(small).gossipOverhead(A);
        assertThat(overhead).isEqualTo(30);

        assertThatThrownBy(() -> a.broadcast(ByteBuffer.allocate(101)))
                .isInstanceOfSatisfying(PayloadTooLargeException.class, e -> {
                    assertThat(e.size()).isEqualTo(101);
                    assertThat(e.limit()).isEqualTo(100);
                })
                .hasMessageContaining("maxPayloadBytes");
        assertThatThrownBy(() -> a.broadcast(ByteBuffer.allocate(91)))
                .isInstanceOfSatisfying(PayloadTooLargeException.class, e -> {
                    assertThat(e.size()).isEqualTo(121);
                    assertThat(e.limit()).isEqualTo(120);
                })
                .hasMessageContaining("maximum datagram");
        assertThat(tight.sent).isEmpty();
        assertThat(a.snapshot(NodeSnapshot.State.RUNNING).broadcasts()).isZero();

        a.broadcast(ByteBuffer.allocate(90));
        assertThat(tight.sent)
                .singleElement()
                .satisfies(d -> assertThat(d.bytes()).hasSize(120));
    }

    @Test
    void malformedDatagramsAreCountedByReasonAndNeverThrow() {
        GossipEngine a = net.add(CONFIG, A, StaticMembership.fullMesh(List.of(A, B)), SEED);
        ByteBuffer valid = ByteBuffer.allocate(200);
        new BinaryCodec(CONFIG).encodeGossip(1, 2, B, 0, ByteBuffer.allocate(3), valid);
        byte[] frame = new byte[valid.flip().remaining()];
        valid.get(frame);

        a.onDatagram(B.address(), ByteBuffer.allocate(0));
        a.onDatagram(B.address(), ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}));
        byte[] version = frame.clone();
        version[2] = 9;
        a.onDatagram(B.address(), ByteBuffer.wrap(version));
        byte[] type = frame.clone();
        type[3] = 9;
        a.onDatagram(B.address(), ByteBuffer.wrap(type));
        a.onDatagram(B.address(), ByteBuffer.wrap(java.util.Arrays.copyOf(frame, frame.length + 1)));
        a.onDatagram(B.address(), ByteBuffer.wrap(java.util.Arrays.copyOf(frame, frame.length - 1)));
        ByteBuffer big = ByteBuffer.allocate(4096);
        new BinaryCodec(4000).encodeGossip(3, 4, B, 0, ByteBuffer.allocate(CONFIG.maxPayloadBytes() + 1), big);
        a.onDatagram(B.address(), big.flip());
        ByteBuffer unknownMembership = ByteBuffer.allocate(100);
        new BinaryCodec(CONFIG).encodeMembership(MembershipMessage.of(99, B), unknownMembership);
        a.onDatagram(B.address(), unknownMembership.flip());
        a.onTransportDrop(B.address(), DropReason.AUTHENTICATION_FAILED);

        NodeSnapshot s = a.snapshot(NodeSnapshot.State.RUNNING);
        assertThat(s.drops()).containsOnlyKeys(DropReason.values());
        assertThat(s.drops(DropReason.TRUNCATED)).isEqualTo(2);
        assertThat(s.drops(DropReason.BAD_MAGIC)).isEqualTo(1);
        assertThat(s.drops(DropReason.UNSUPPORTED_VERSION)).isEqualTo(1);
        assertThat(s.drops(DropReason.UNKNOWN_TYPE)).isEqualTo(1);
        assertThat(s.drops(DropReason.TRAILING_BYTES)).isEqualTo(1);
        assertThat(s.drops(DropReason.OVERSIZED)).isEqualTo(1);
        assertThat(s.drops(DropReason.REJECTED_BY_MEMBERSHIP)).isEqualTo(1);
        assertThat(s.drops(DropReason.AUTHENTICATION_FAILED)).isEqualTo(1);
        assertThat(s.totalDrops()).isEqualTo(9);
        assertThat(s.datagramsReceived()).isEqualTo(8);
        assertThat(s.delivered()).isZero();
        assertThat(net.sent).isEmpty();
    }

    @Test
    void aThrowingListenerIsCountedReportedAndDoesNotStopForwarding() {
        topology(CONFIG, Map.of(A, List.of(B), B, List.of(C), C, List.of()));
        net.events(B).onDeliveryAlso = d -> {
            throw new IllegalStateException("listener bug");
        };
        net.engines.get(A.address()).broadcast(text("go on"));
        net.run();
        assertThat(net.events(C).deliveries).hasSize(1);
        NodeSnapshot b = net.engines.get(B.address()).snapshot(NodeSnapshot.State.RUNNING);
        assertThat(b.drops(DropReason.HANDLER_ERROR)).isEqualTo(1);
        assertThat(b.delivered()).isEqualTo(1);
        assertThat(b.forwarded()).isEqualTo(1);
        assertThat(net.events(B).errors).singleElement().isInstanceOf(IllegalStateException.class);
        assertThat(net.events(B).errorContexts).containsExactly("message listener");
    }

    @Test
    void anAssertionErrorInAListenerIsContainedToo() {
        topology(CONFIG, Map.of(A, List.of(B), B, List.of(C), C, List.of()));
        net.events(B).onDeliveryAlso = d -> {
            throw new AssertionError("test listener");
        };
        net.engines.get(A.address()).broadcast(text("x"));
        net.run();
        assertThat(net.events(C).deliveries).hasSize(1);
    }

    @Test
    void joinRunsTheMembershipThroughTheEngine() {
        GossipEngine a = net.add(CONFIG, A, StaticMembership.empty(), SEED);
        GossipEngine b = net.add(CONFIG, B, StaticMembership.empty(), SEED + 1);
        b.join(A);
        net.run();
        assertThat(a.membership().partialView()).containsExactly(B);
        assertThat(b.membership().isJoined()).isTrue();
        assertThat(net.events(B).viewChanges)
                .containsExactly(
                        new ViewChange(ViewChange.View.PARTIAL_VIEW, ViewChange.Kind.ADDED, A),
                        new ViewChange(ViewChange.View.IN_VIEW, ViewChange.Kind.ADDED, A));
        a.broadcast(text("after join"));
        net.run();
        assertThat(net.events(B).deliveries).hasSize(1);
        b.leave();
        net.run();
        assertThat(a.membership().partialView()).isEmpty();
        assertThat(a.snapshot(NodeSnapshot.State.RUNNING).membershipCounters()).containsEntry("messagesReceived", 2L);
    }

    @Test
    void aMembershipMessageTooLargeForADatagramIsASendFailure() {
        EngineNetwork tight = new EngineNetwork(64);
        NodeId longName = new NodeId(OpaqueAddress.of("mem", "x".repeat(100)));
        GossipEngine engine = tight.add(CONFIG, longName, StaticMembership.empty(), SEED);
        engine.join(A);
        assertThat(tight.sent).isEmpty();
        assertThat(engine.snapshot(NodeSnapshot.State.RUNNING).drops(DropReason.SEND_FAILED))
                .isEqualTo(1);
        assertThat(tight.events(longName).errors).singleElement().isInstanceOf(java.nio.BufferOverflowException.class);
    }

    @Test
    void aBroadcastWithAnEmptyViewSendsNothing() {
        GossipEngine a = net.add(CONFIG, A, StaticMembership.empty(), SEED);
        MessageId id = a.broadcast(text("alone"));
        assertThat(id).isNotNull();
        assertThat(net.sent).isEmpty();
        assertThat(a.snapshot(NodeSnapshot.State.RUNNING).broadcasts()).isEqualTo(1);
    }

    @Test
    void messageIdsComeFromTheInjectedRandom() {
        EngineNetwork other = new EngineNetwork(1400);
        GossipEngine a1 = net.add(CONFIG, A, StaticMembership.empty(), SEED);
        GossipEngine a2 = other.add(CONFIG, A, StaticMembership.empty(), SEED);
        assertThat(a1.broadcast(text("1"))).isEqualTo(a2.broadcast(text("2")));
    }

    /** With a linger, a transport that says more datagrams follow lets the answers to a burst leave bundled. */
    @Test
    void withALingerDatagramsHandedOverWithMoreLeaveTheirForwardsBundled() {
        long[] clock = {0};
        GossipConfig lingering = CONFIG.toBuilder()
                .dissemination(CONFIG.dissemination().withLinger(java.time.Duration.ofMillis(5)))
                .build();
        Map<NodeId, List<NodeId>> views = Map.of(A, List.of(B), B, List.of(C, D), C, List.of(), D, List.of());
        int i = 0;
        for (NodeId node : List.of(A, B, C, D)) {
            GossipConfig config = node.equals(B) ? lingering : CONFIG; // A sends three datagrams
            net.add(config, node, StaticMembership.withViews(views), SEED + i++, () -> clock[0]);
        }
        GossipEngine a = net.engines.get(A.address());
        a.broadcast(text("one"));
        a.broadcast(text("two"));
        a.broadcast(text("three"));
        List<EngineNetwork.Datagram> toB = List.copyOf(net.queue);
        net.queue.clear();
        assertThat(toB).hasSize(3);
        GossipEngine b = net.engines.get(B.address());
        b.onDatagram(A.address(), ByteBuffer.wrap(toB.get(0).bytes()), true);
        b.onDatagram(A.address(), ByteBuffer.wrap(toB.get(1).bytes()), true);
        assertThat(net.sentFrom(B)).as("held while more follow").isEmpty();
        assertThat(net.events(B).deliveries).as("but delivered at once").hasSize(2);
        b.onDatagram(A.address(), ByteBuffer.wrap(toB.get(2).bytes()), false);
        clock[0] = 5_000_000L;
        b.onTick(); // the linger has passed
        assertThat(net.sentFrom(B))
                .as("one datagram per destination, three frames each")
                .extracting(EngineNetwork.Datagram::to)
                .containsExactly(C.address(), D.address());
        net.run();
        for (NodeId node : List.of(C, D)) {
            assertThat(net.events(node).deliveries)
                    .extracting(r -> new String(r.payload(), StandardCharsets.UTF_8))
                    .containsExactly("one", "two", "three");
        }
    }

    /** Without a linger (every preset) each datagram's answers leave at once, whatever follows. */
    @Test
    void withoutALingerMoreChangesNothing() {
        topology(CONFIG, Map.of(A, List.of(B), B, List.of(C), C, List.of()));
        net.engines.get(A.address()).broadcast(text("x"));
        EngineNetwork.Datagram toB = net.queue.poll();
        GossipEngine b = net.engines.get(B.address());
        b.onDatagram(A.address(), ByteBuffer.wrap(toB.bytes()), true);
        assertThat(net.sentFrom(B)).extracting(EngineNetwork.Datagram::to).containsExactly(C.address());
    }
}
