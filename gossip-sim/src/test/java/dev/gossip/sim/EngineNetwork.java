package dev.gossip.sim;

import dev.gossip.Address;
import dev.gossip.AntiEntropyConfig;
import dev.gossip.Delivery;
import dev.gossip.DisseminationConfig;
import dev.gossip.GossipConfig;
import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.ViewChange;
import dev.gossip.core.GossipEngine;
import dev.gossip.core.codec.BinaryCodecProvider;
import dev.gossip.spi.Codec;
import dev.gossip.spi.FrameHandler;
import dev.gossip.spi.GossipFrame;
import dev.gossip.spi.MembershipMessage;
import dev.gossip.spi.MembershipProvider;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The same simulation as {@link Simulator} on a lossless network with a fixed latency, but with a
 * real {@link GossipEngine} per node: every datagram is encoded by the binary codec, copied, and
 * decoded by the receiving engine. Node {@code i} gets the same random generator as in the
 * simulator (the {@code i}-th split), so both must give identical views and spreads; the simulator
 * runs the membership and the forwarding rule directly because this costs several times the memory
 * and time per node.
 *
 * <p>The engines flood (the lean path's rule) and their codec has no bundles, so every frame leaves
 * in a datagram of its own at the moment it is sent, as in the simulator: with bundles an engine
 * holds the frames of one input and sends them per destination at its end, which reorders the
 * membership's messages (and so the views) and merges datagrams the simulator counts apart.
 */
final class EngineNetwork {

    private static final int MAX_DATAGRAM = 512;

    private final List<GossipEngine> engines = new ArrayList<>();
    private final EventQueue queue = new EventQueue();
    private final GossipConfig config;
    private final Codec codec;
    private final MembershipProvider provider;
    private final SplittableRandom nodeSeeds;
    private final long latency = NetworkConfig.lossless().minLatency().toNanos();
    private long now;
    long delivered;
    long datagrams;
    int maxHops;

    EngineNetwork(MembershipProvider provider, MembershipConfig membership, long seed) {
        this.provider = provider;
        // the lean path re-states the paper's model: flood, no anti-entropy (whose first digest
        // offset would also draw from each node's random generator and so change the views)
        this.config = GossipConfig.builder()
                .membership(membership)
                .dedupCapacity(16)
                .dissemination(DisseminationConfig.flood())
                .antiEntropy(AntiEntropyConfig.off())
                .build();
        this.codec = new Unbundled(new BinaryCodecProvider().create(config));
        SplittableRandom master = new SplittableRandom(seed);
        master.split();
        this.nodeSeeds = master.split();
    }

    int addNode() {
        int index = engines.size();
        NodeId self = NodeIds.of(index);
        GossipEngine.Outbound outbound = new GossipEngine.Outbound() {
            @Override
            public boolean send(Address to, ByteBuffer datagram) {
                byte[] bytes = new byte[datagram.remaining()];
                datagram.get(bytes);
                datagrams++;
                queue.push(now + latency, Simulator.MEMBERSHIP, NodeIds.indexOf(new NodeId(to)), index, 0, 0, bytes);
                return true;
            }

            @Override
            public int maxDatagramBytes() {
                return MAX_DATAGRAM;
            }
        };
        GossipEngine.Events events = new GossipEngine.Events() {
            @Override
            public void onDelivery(Delivery delivery) {
                delivered++;
                maxHops = Math.max(maxHops, delivery.hops());
            }

            @Override
            public void onViewChange(ViewChange change) {}

            @Override
            public void onError(String context, Throwable error) {
                throw new AssertionError(context, error);
            }
        };
        engines.add(new GossipEngine(config, self, codec, provider, nodeSeeds.split(), () -> now, outbound, events));
        return index;
    }

    GossipEngine engine(int node) {
        return engines.get(node);
    }

    void run() {
        while (!queue.isEmpty()) {
            queue.pop();
            now = queue.currentTime;
            engines.get(queue.currentTarget)
                    .onDatagram(
                            NodeIds.of(queue.currentSource).address(), ByteBuffer.wrap((byte[]) queue.currentPayload));
        }
    }

    /**
     * The binary codec without bundles, so the engine sends each frame at once as the simulator
     * does: with bundles, frames to one destination leave together at the end of an input, which
     * reorders deliveries against the simulator's and so changes every later random draw.
     */
    private record Unbundled(Codec codec) implements Codec {
        @Override
        public int gossipOverhead(NodeId origin) {
            return codec.gossipOverhead(origin);
        }

        @Override
        public void encodeGossip(long idHigh, long idLow, NodeId origin, int hops, ByteBuffer payload, ByteBuffer dst) {
            codec.encodeGossip(idHigh, idLow, origin, hops, payload, dst);
        }

        @Override
        public void encodeForward(GossipFrame received, ByteBuffer dst) {
            codec.encodeForward(received, dst);
        }

        @Override
        public void encodeMembership(MembershipMessage message, ByteBuffer dst) {
            codec.encodeMembership(message, dst);
        }

        @Override
        public void encodeDigest(int kind, long[] ids, int count, ByteBuffer dst) {
            codec.encodeDigest(kind, ids, count, dst);
        }

        @Override
        public void decode(ByteBuffer src, FrameHandler handler) {
            codec.decode(src, handler);
        }
    }
}
