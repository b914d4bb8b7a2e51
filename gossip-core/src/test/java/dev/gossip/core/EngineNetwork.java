package dev.gossip.core;

import dev.gossip.Address;
import dev.gossip.Delivery;
import dev.gossip.GossipConfig;
import dev.gossip.MessageId;
import dev.gossip.NodeId;
import dev.gossip.ViewChange;
import dev.gossip.core.codec.BinaryCodec;
import dev.gossip.spi.MembershipProvider;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Several engines wired by a synchronous FIFO queue: a send enqueues (from, to, bytes) and
 * {@link #run()} hands each datagram to its destination engine, in order, until none is left.
 * Deterministic given the seeds; no threads, no sockets.
 */
final class EngineNetwork {

    record Datagram(Address from, Address to, byte[] bytes) {}

    record Received(MessageId id, NodeId origin, int hops, byte[] payload) {}

    /** Records what one engine reported; {@link #onDeliveryAlso} adds behaviour (such as throwing). */
    static final class Recorder implements GossipEngine.Events {
        final List<Received> deliveries = new ArrayList<>();
        final List<ViewChange> viewChanges = new ArrayList<>();
        final List<String> errorContexts = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();
        Consumer<Delivery> onDeliveryAlso = d -> {};

        @Override
        public void onDelivery(Delivery d) {
            deliveries.add(new Received(d.id(), d.origin(), d.hops(), d.payloadBytes()));
            onDeliveryAlso.accept(d);
        }

        @Override
        public void onViewChange(ViewChange change) {
            viewChanges.add(change);
        }

        @Override
        public void onError(String context, Throwable error) {
            errorContexts.add(context);
            errors.add(error);
        }
    }

    final int maxDatagramBytes;
    final Map<Address, GossipEngine> engines = new LinkedHashMap<>();
    final Map<Address, Recorder> recorders = new LinkedHashMap<>();
    final ArrayDeque<Datagram> queue = new ArrayDeque<>();
    final List<Datagram> sent = new ArrayList<>();
    /** Datagrams for which this is {@code false} are lost in {@link #run()}. */
    java.util.function.Predicate<Datagram> delivers = d -> true;

    EngineNetwork(int maxDatagramBytes) {
        this.maxDatagramBytes = maxDatagramBytes;
    }

    GossipEngine add(GossipConfig config, NodeId id, MembershipProvider membership, long seed) {
        return add(config, id, membership, seed, () -> 0L);
    }

    GossipEngine add(
            GossipConfig config,
            NodeId id,
            MembershipProvider membership,
            long seed,
            java.util.function.LongSupplier clock) {
        Recorder recorder = new Recorder();
        GossipEngine.Outbound outbound = new GossipEngine.Outbound() {
            @Override
            public boolean send(Address to, ByteBuffer datagram) {
                byte[] bytes = new byte[datagram.remaining()];
                datagram.get(bytes);
                Datagram d = new Datagram(id.address(), to, bytes);
                sent.add(d);
                queue.add(d);
                return true;
            }

            @Override
            public int maxDatagramBytes() {
                return maxDatagramBytes;
            }
        };
        GossipEngine engine = new GossipEngine(
                config, id, new BinaryCodec(config), membership, new SplittableRandom(seed), clock, outbound, recorder);
        engines.put(id.address(), engine);
        recorders.put(id.address(), recorder);
        return engine;
    }

    Recorder events(NodeId id) {
        return recorders.get(id.address());
    }

    /** Delivers queued datagrams until none is left; returns how many were handled. */
    int run() {
        int steps = 0;
        while (!queue.isEmpty()) {
            if (++steps > 1_000_000) {
                throw new AssertionError("the network did not quiesce");
            }
            Datagram d = queue.poll();
            GossipEngine to = engines.get(d.to());
            if (to != null && delivers.test(d)) {
                to.onDatagram(d.from(), ByteBuffer.wrap(d.bytes()));
            }
        }
        return steps;
    }

    List<Datagram> sentFrom(NodeId node) {
        return sent.stream().filter(d -> d.from().equals(node.address())).toList();
    }
}
