package dev.gossip.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.IpAddress;
import dev.gossip.NodeId;
import dev.gossip.TransportConfig;
import dev.gossip.core.codec.BinaryCodecProvider;
import dev.gossip.core.security.Keyring;
import dev.gossip.testkit.StaticMembership;
import dev.gossip.transport.udp.UdpTransportProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Key rotation on a running 20-node encrypted UDP cluster (full mesh, flooding) while every node
 * broadcasts in turn: add the new key everywhere, switch everywhere, remove the old one once no
 * datagram sealed with it is in flight. Every broadcast must reach every other node.
 */
class KeyRotationTest {

    private static final int NODES = 20;
    private static final long SEED = 0x2071L;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<GossipNode> nodes = new ArrayList<>();
    private final List<Keyring> keyrings = new ArrayList<>();
    private final List<Set<String>> received = new ArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(GossipNode::close);
    }

    private static List<IpAddress> freePorts(int count) throws IOException {
        List<DatagramChannel> channels = new ArrayList<>();
        List<IpAddress> addresses = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                DatagramChannel channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                channels.add(channel);
                addresses.add(IpAddress.of((InetSocketAddress) channel.getLocalAddress()));
            }
        } finally {
            for (DatagramChannel channel : channels) {
                channel.close();
            }
        }
        return addresses;
    }

    private boolean allDelivered(int sent) {
        for (int i = 0; i < NODES; i++) {
            int own = (sent + NODES - 1 - i) / NODES; // broadcasts i made among the first `sent`
            if (received.get(i).size() < sent - own) {
                return false;
            }
        }
        return true;
    }

    @Test
    void rotatingKeysOnARunningClusterLosesNoMessage() throws Exception {
        byte[] oldKey = new byte[32];
        byte[] newKey = new byte[32];
        new SplittableRandom(SEED).nextBytes(oldKey);
        new SplittableRandom(SEED + 1).nextBytes(newKey);
        List<IpAddress> addresses = freePorts(NODES);
        List<NodeId> ids = addresses.stream().map(NodeId::new).toList();
        for (int i = 0; i < NODES; i++) {
            GossipConfig config = GossipConfig.local().toBuilder()
                    .transport(TransportConfig.builder().bind(addresses.get(i)).build())
                    .build();
            Keyring keyring = Keyring.of(oldKey);
            Set<String> got = ConcurrentHashMap.newKeySet();
            GossipNode node = Gossip.builder(config)
                    .transport(new UdpTransportProvider())
                    .codec(new BinaryCodecProvider())
                    .membership(StaticMembership.fullMesh(ids))
                    .random(new SplittableRandom(SEED + i))
                    .keyring(keyring)
                    .build();
            node.addMessageListener(d -> got.add(d.id().toString()));
            node.start();
            nodes.add(node);
            keyrings.add(keyring);
            received.add(got);
        }

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        Thread broadcaster = new Thread(
                () -> {
                    while (running.get()) {
                        int n = sent.get();
                        nodes.get(n % NODES)
                                .broadcast(ByteBuffer.allocate(8).putLong(0, n).array());
                        sent.incrementAndGet();
                        java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // ~500 broadcasts/s
                    }
                },
                "broadcaster");
        broadcaster.start();
        try {
            await().atMost(WAIT).until(() -> sent.get() >= 100);
            keyrings.forEach(k -> k.add(newKey));
            await().atMost(WAIT).until(() -> sent.get() >= 200);
            for (Keyring keyring : keyrings) { // one node after another, traffic flowing
                keyring.use(newKey);
                int mark = sent.get();
                await().atMost(WAIT).until(() -> sent.get() >= mark + 5);
            }
            int switched = sent.get();
            await().atMost(WAIT).until(() -> allDelivered(switched)); // nothing sealed with the old key left
            keyrings.forEach(k -> k.remove(oldKey));
            int removed = sent.get();
            await().atMost(WAIT).until(() -> sent.get() >= removed + 200);
        } finally {
            running.set(false);
            broadcaster.join();
        }

        int total = sent.get();
        await().atMost(WAIT).until(() -> allDelivered(total));
        long authFailures = nodes.stream()
                .mapToLong(n -> n.snapshot().drops().get(dev.gossip.DropReason.AUTHENTICATION_FAILED))
                .sum();
        System.out.printf(
                "key rotation: %d broadcasts on %d nodes, all delivered; %d datagrams rejected%n",
                total, NODES, authFailures);
        assertThat(keyrings).allSatisfy(k -> assertThat(k.fingerprints()).containsExactly(Keyring.fingerprint(newKey)));
    }
}
