package dev.gossip.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gossip.Address;
import dev.gossip.DropReason;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.JoinException;
import dev.gossip.MembershipConfig;
import dev.gossip.MessageId;
import dev.gossip.NodeId;
import dev.gossip.NodeSnapshot;
import dev.gossip.ProviderException;
import dev.gossip.Registration;
import dev.gossip.ViewChange;
import dev.gossip.core.codec.BinaryCodecProvider;
import dev.gossip.spi.Membership;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipProvider;
import dev.gossip.testkit.StaticMembership;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DefaultGossipNodeTest {

    private static final GossipConfig CONFIG = GossipConfig.local();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final LoopbackNetwork network = new LoopbackNetwork();
    private final List<GossipNode> nodes = new ArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() {
        nodes.forEach(GossipNode::close);
        network.close();
    }

    private GossipNode node(LoopbackNetwork.LoopbackTransport transport, MembershipProvider membership) {
        GossipNode node = Gossip.builder(CONFIG)
                .transport(transport)
                .codec(new BinaryCodecProvider())
                .membership(membership)
                .random(new SplittableRandom(nodes.size()))
                .errorHandler((context, error) -> errors.add(error))
                .build();
        nodes.add(node);
        return node;
    }

    private GossipNode node(String name) {
        return node(network.transport(name), StaticMembership.empty());
    }

    @Test
    void beforeStartTheNodeRefusesWorkButReportsASnapshot() {
        GossipNode node = node("a");
        assertThatThrownBy(node::id).isInstanceOf(IllegalStateException.class).hasMessageContaining("start()");
        assertThatThrownBy(() -> node.broadcast(new byte[1]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");
        assertThatThrownBy(() -> node.join(List.of(Address.parse("loop:x")), WAIT))
                .isInstanceOf(IllegalStateException.class);
        node.leave();
        NodeSnapshot s = node.snapshot();
        assertThat(s.state()).isEqualTo(NodeSnapshot.State.NEW);
        assertThat(s.id().address()).isEqualTo(CONFIG.transport().bind());
        assertThat(s.drops()).containsOnlyKeys(DropReason.values());
    }

    @Test
    void startBindsAndTicks() {
        LoopbackNetwork.LoopbackTransport transport = network.transport("a");
        GossipNode node = node(transport, StaticMembership.empty());
        node.start();
        assertThat(node.id()).isEqualTo(new NodeId(transport.address()));
        assertThat(node.snapshot().state()).isEqualTo(NodeSnapshot.State.RUNNING);
        assertThatThrownBy(node::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already");
        await().atMost(WAIT).until(() -> node.snapshot().membershipCounters().get("ticks") >= 3);
    }

    @Test
    void closeIsIdempotentAndReleasesTheTransport() {
        LoopbackNetwork.LoopbackTransport transport = network.transport("a");
        GossipNode node = node(transport, StaticMembership.empty());
        node.start();
        node.close();
        node.close();
        assertThat(transport.closes()).isEqualTo(1);
        assertThat(node.snapshot().state()).isEqualTo(NodeSnapshot.State.CLOSED);
        assertThatThrownBy(() -> node.broadcast(new byte[1]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(node::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeBeforeStartClosesTheTransport() {
        LoopbackNetwork.LoopbackTransport transport = network.transport("a");
        GossipNode node = node(transport, StaticMembership.empty());
        node.close();
        assertThat(transport.closes()).isEqualTo(1);
        assertThatThrownBy(node::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void joinsThroughASeedAndReceivesBroadcasts() {
        GossipNode a = node("a");
        GossipNode b = node("b");
        a.start();
        b.start();
        List<String> received = new CopyOnWriteArrayList<>();
        b.addMessageListener(d -> received.add(new String(d.payloadBytes(), StandardCharsets.UTF_8)));
        b.join(List.of(a.id().address()), WAIT);
        assertThat(b.snapshot().partialView()).containsExactly(a.id());
        await().atMost(WAIT).until(() -> a.snapshot().partialView().contains(b.id()));
        a.broadcast("hello".getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT).until(() -> received.equals(List.of("hello")));
    }

    /** Nodes "a" and "b" over the loopback network, each the other's whole view, started. */
    private List<GossipNode> startedPair(GossipConfig config) {
        MembershipProvider mesh = StaticMembership.fullMesh(List.of(
                new dev.gossip.NodeId(dev.gossip.OpaqueAddress.of("loop", "a")),
                new dev.gossip.NodeId(dev.gossip.OpaqueAddress.of("loop", "b"))));
        List<GossipNode> pair = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            GossipNode node = Gossip.builder(config)
                    .transport(network.transport(name))
                    .codec(new BinaryCodecProvider())
                    .membership(mesh)
                    .random(new SplittableRandom(pair.size() + 1))
                    .build();
            nodes.add(node);
            pair.add(node);
        }
        pair.forEach(GossipNode::start);
        return pair;
    }

    @Test
    void framesHeldForTheLingerLeaveWhenItEndsWithoutWaitingForAnotherInputOrATick() {
        // a tick every 60 s: only the linger's own timer can send the held frames within the wait
        GossipConfig lingering = CONFIG.toBuilder()
                .tickInterval(Duration.ofSeconds(60))
                .dissemination(CONFIG.dissemination().withLinger(Duration.ofSeconds(1)))
                .build();
        List<GossipNode> pair = startedPair(lingering);
        GossipNode a = pair.get(0);
        GossipNode b = pair.get(1);
        List<String> received = new CopyOnWriteArrayList<>();
        b.addMessageListener(d -> received.add(new String(d.payloadBytes(), StandardCharsets.UTF_8)));
        long sentBefore = a.snapshot().datagramsSent();
        a.broadcast("one".getBytes(StandardCharsets.UTF_8));
        a.broadcast("two".getBytes(StandardCharsets.UTF_8));
        a.broadcast("three".getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT).until(() -> received.size() == 3);
        assertThat(received).containsExactly("one", "two", "three");
        assertThat(a.snapshot().datagramsSent() - sentBefore)
                .as("three frames to one destination within the linger share one datagram")
                .isEqualTo(1);
    }

    @Test
    void aLeaveSendsWhatItQueuesAtOnceEvenWithALinger() {
        // a left node gets no more ticks or linger timers: its leave must not wait for them
        GossipConfig lingering = CONFIG.toBuilder()
                .tickInterval(Duration.ofSeconds(60))
                .dissemination(CONFIG.dissemination().withLinger(Duration.ofSeconds(60)))
                .build();
        List<GossipNode> pair = startedPair(lingering);
        GossipNode a = pair.get(0);
        GossipNode b = pair.get(1);
        assertThat(b.snapshot().partialView()).contains(a.id());
        a.leave();
        await().atMost(WAIT).until(() -> !b.snapshot().partialView().contains(a.id()));
    }

    @Test
    void joiningThroughItselfReturnsAtOnce() {
        GossipNode a = node("a");
        a.start();
        a.join(List.of(a.id().address()), Duration.ofMillis(1));
        assertThat(a.joinAsync(List.of(a.id().address()), WAIT)).isCompleted();
    }

    @Test
    void joinTimesOutNamingTheSeedsAndTheTimeout() {
        GossipNode a = node("a");
        a.start();
        long start = System.nanoTime();
        assertThatThrownBy(() -> a.join(List.of(Address.parse("loop:nobody")), Duration.ofMillis(300)))
                .isInstanceOf(JoinException.class)
                .hasMessageContaining("loop:nobody")
                .hasMessageContaining("PT0.3S");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
    }

    @Test
    void joinMovesOnToTheNextSeed() {
        GossipNode a = node("a");
        GossipNode b = node("b");
        a.start();
        b.start();
        b.join(List.of(Address.parse("loop:nobody"), a.id().address()), WAIT);
        assertThat(b.snapshot().inView()).containsExactly(a.id());
    }

    @Test
    void joinAsyncCompletesAndFailsOnClose() {
        GossipNode a = node("a");
        GossipNode b = node("b");
        a.start();
        b.start();
        b.joinAsync(List.of(a.id().address()), WAIT)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        GossipNode c = node("c");
        c.start();
        var pending = c.joinAsync(List.of(Address.parse("loop:nobody")), WAIT);
        c.close();
        assertThat(pending).isCompletedExceptionally();
        assertThatThrownBy(pending::join)
                .hasCauseInstanceOf(JoinException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aThrowingTickDoesNotStopTheTimer() {
        AtomicInteger ticks = new AtomicInteger();
        MembershipProvider failing = new MembershipProvider() {
            @Override
            public String name() {
                return "failing-tick";
            }

            @Override
            public Membership create(MembershipConfig config, MembershipContext context) {
                Membership inner = StaticMembership.empty().create(config, context);
                return new ForwardingMembership(inner) {
                    @Override
                    public void onTick() {
                        ticks.incrementAndGet();
                        throw new IllegalStateException("tick failure");
                    }
                };
            }
        };
        GossipNode a = node(network.transport("a"), failing);
        a.start();
        await().atMost(WAIT).until(() -> ticks.get() >= 3 && errors.size() >= 3);
        assertThat(errors).allMatch(e -> e instanceof IllegalStateException);
    }

    @Test
    void leaveStopsBroadcastsAndLaterDatagramsCountAsNotRunning() {
        GossipNode a = node("a");
        GossipNode b = node("b");
        a.start();
        b.start();
        b.join(List.of(a.id().address()), WAIT);
        await().atMost(WAIT).until(() -> a.snapshot().partialView().contains(b.id()));
        b.leave();
        b.leave();
        assertThat(b.snapshot().state()).isEqualTo(NodeSnapshot.State.LEFT);
        assertThat(b.snapshot().partialView()).isEmpty();
        assertThatThrownBy(() -> b.broadcast(new byte[1]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("left");
        await().atMost(WAIT).until(() -> a.snapshot().partialView().isEmpty());
        GossipNode c = node("c");
        c.start();
        assertThatThrownBy(() -> c.join(List.of(b.id().address()), Duration.ofMillis(300)))
                .isInstanceOf(JoinException.class);
        await().atMost(WAIT).until(() -> b.snapshot().drops(DropReason.NOT_RUNNING) >= 1);
    }

    @Test
    void listenersAreIsolatedAndRegistrationsRemoveThem() {
        GossipNode a = node("a");
        GossipNode b = node("b");
        a.start();
        b.start();
        b.join(List.of(a.id().address()), WAIT);
        await().atMost(WAIT).until(() -> a.snapshot().partialView().contains(b.id()));
        List<MessageId> second = new CopyOnWriteArrayList<>();
        List<MessageId> removed = new CopyOnWriteArrayList<>();
        b.addMessageListener(d -> {
            throw new IllegalArgumentException("first listener fails");
        });
        b.addMessageListener(d -> second.add(d.id()));
        Registration registration = b.addMessageListener(d -> removed.add(d.id()));
        registration.close();
        registration.close();
        MessageId id = a.broadcast(ByteBuffer.wrap(new byte[] {1}));
        await().atMost(WAIT).until(() -> second.equals(List.of(id)));
        await().atMost(WAIT).until(() -> b.snapshot().drops(DropReason.HANDLER_ERROR) == 1);
        assertThat(removed).isEmpty();
        assertThat(errors).singleElement().isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void viewListenersSeeTheJoin() {
        GossipNode a = node("a");
        GossipNode b = node("b");
        List<ViewChange> changes = Collections.synchronizedList(new ArrayList<>());
        b.addViewListener(changes::add);
        a.start();
        b.start();
        b.join(List.of(a.id().address()), WAIT);
        assertThat(changes).contains(new ViewChange(ViewChange.View.IN_VIEW, ViewChange.Kind.ADDED, a.id()));
    }

    @Test
    void aListenerMayCloseItsOwnNode() {
        GossipNode a = node("a");
        LoopbackNetwork.LoopbackTransport bt = network.transport("b");
        GossipNode b = node(bt, StaticMembership.empty());
        a.start();
        b.start();
        b.join(List.of(a.id().address()), WAIT);
        await().atMost(WAIT).until(() -> a.snapshot().partialView().contains(b.id()));
        b.addMessageListener(d -> b.close());
        a.broadcast(new byte[] {1});
        await().atMost(WAIT).until(() -> bt.closes() == 1);
        assertThat(b.snapshot().state()).isEqualTo(NodeSnapshot.State.CLOSED);
    }

    @Test
    void aBlockingJoinInsideAListenerFailsFast() {
        GossipNode a = node("a");
        GossipNode b = node("b");
        List<Throwable> joinFailures = new CopyOnWriteArrayList<>();
        b.addViewListener(change -> {
            try {
                b.join(List.of(a.id().address()), WAIT);
            } catch (IllegalStateException e) {
                joinFailures.add(e);
            }
        });
        a.start();
        b.start();
        b.join(List.of(a.id().address()), WAIT);
        assertThat(joinFailures).isNotEmpty().allSatisfy(e -> assertThat(e).hasMessageContaining("joinAsync"));
    }

    @Test
    void buildFailsClearlyWhenNoTransportCanBeFound() {
        ClassLoader empty = new URLClassLoader(new URL[0], null);
        assertThatThrownBy(() -> Gossip.builder(CONFIG).classLoader(empty).build())
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("No transport provider")
                .hasMessageContaining("gossip-transport-udp");
        assertThatThrownBy(() -> Gossip.builder(CONFIG)
                        .transport(network.transport("x"))
                        .classLoader(empty)
                        .build())
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("No codec provider");
    }
}
