package dev.gossip.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.Address;
import dev.gossip.Delivery;
import dev.gossip.DropReason;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.IpAddress;
import dev.gossip.NodeId;
import dev.gossip.OpaqueAddress;
import dev.gossip.core.codec.BinaryCodec;
import dev.gossip.core.codec.BinaryCodecProvider;
import dev.gossip.core.security.Encryption;
import dev.gossip.core.security.Keyring;
import dev.gossip.spi.Transport;
import dev.gossip.testkit.StaticMembership;
import dev.gossip.transport.udp.UdpTransportProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A live, encrypted UDP node under a flood of hostile datagrams (random, truncated, mutated and
 * sealed with a wrong key): it survives, counts every one as a drop, and still delivers the next
 * real broadcast. {@value #DEFAULT_COUNT} datagrams by default; {@code -Dhostile.datagrams=N}
 * changes it.
 */
class HostileDatagramsTest {

    private static final int DEFAULT_COUNT = 1_000_000;
    private static final long SEED = 0xBAD_DA7AL;
    private static final int BATCH = 1_000;
    private static final byte[] KEY = new byte[32];
    private static final byte[] WRONG_KEY = new byte[32];

    static {
        new SplittableRandom(SEED).nextBytes(KEY);
        new SplittableRandom(SEED + 1).nextBytes(WRONG_KEY);
    }

    private final List<GossipNode> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(GossipNode::close);
    }

    private GossipNode node(int seed) {
        GossipConfig config = GossipConfig.local();
        GossipNode node = Gossip.builder(config)
                .transport(new UdpTransportProvider())
                .codec(new BinaryCodecProvider())
                .membership(StaticMembership.empty())
                .random(new SplittableRandom(seed))
                .keyring(Keyring.of(KEY))
                .build();
        nodes.add(node);
        node.start();
        return node;
    }

    /** Sealed datagrams as a node with {@code key} would send them: real gossip frames. */
    private static List<byte[]> sealedFrames(byte[] key, int count, SplittableRandom random) {
        List<byte[]> out = new ArrayList<>();
        Transport capture = new Transport() {
            @Override
            public Address start(Receiver receiver) {
                return localAddress();
            }

            @Override
            public Address localAddress() {
                return OpaqueAddress.of("test", "capture");
            }

            @Override
            public int maxDatagramBytes() {
                return 1400;
            }

            @Override
            public boolean send(Address to, ByteBuffer datagram) {
                byte[] bytes = new byte[datagram.remaining()];
                datagram.get(bytes);
                out.add(bytes);
                return true;
            }

            @Override
            public void close() {}
        };
        Transport sealer = Encryption.of(Keyring.of(key)).wrap(capture);
        BinaryCodec codec = new BinaryCodec(GossipConfig.local());
        ByteBuffer frame = ByteBuffer.allocate(1400);
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[random.nextInt(200)];
            random.nextBytes(payload);
            frame.clear();
            codec.encodeGossip(
                    random.nextLong(),
                    random.nextLong(),
                    new NodeId(IpAddress.parse("127.0.0.1:" + (1 + random.nextInt(65000)))),
                    0,
                    ByteBuffer.wrap(payload),
                    frame);
            sealer.send(OpaqueAddress.of("test", "x"), frame.flip());
        }
        return out;
    }

    private static long drops(GossipNode node) {
        return node.snapshot().drops().values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    @Test
    void aFloodOfHostileDatagramsIsCountedAndTheNodeStillDelivers() throws IOException {
        int count = Integer.getInteger("hostile.datagrams", DEFAULT_COUNT);
        SplittableRandom random = new SplittableRandom(SEED);
        GossipNode sender = node(1);
        GossipNode target = node(2);
        List<Delivery> delivered = new CopyOnWriteArrayList<>();
        target.addMessageListener(delivered::add);
        target.join(List.of(sender.id().address()), Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sender.snapshot().partialView().contains(target.id()));
        sender.broadcast(new byte[] {1});
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 1);
        long dropsBefore = drops(target);

        List<byte[]> valid = sealedFrames(KEY, 256, random);
        List<byte[]> wrongKey = sealedFrames(WRONG_KEY, 256, random);
        InetSocketAddress to = ((IpAddress) target.id().address()).socketAddress();
        long start = System.nanoTime();
        try (DatagramChannel attacker = DatagramChannel.open()) {
            attacker.bind(new InetSocketAddress("127.0.0.1", 0));
            ByteBuffer out = ByteBuffer.allocate(1400);
            byte[] scratch = new byte[1400];
            for (int sent = 0; sent < count; ) {
                int batch = Math.min(BATCH, count - sent);
                for (int i = 0; i < batch; i++) {
                    out.clear();
                    switch ((sent + i) & 3) {
                        case 0 -> { // random bytes, any length up to the limit
                            int length = random.nextInt(1401);
                            random.nextBytes(scratch);
                            out.put(scratch, 0, length);
                        }
                        case 1 -> { // a real sealed frame, truncated
                            byte[] frame = valid.get(random.nextInt(valid.size()));
                            out.put(frame, 0, random.nextInt(frame.length));
                        }
                        case 2 -> { // a real sealed frame with 1 to 4 bytes changed
                            byte[] frame = valid.get(random.nextInt(valid.size()));
                            byte[] mutated = Arrays.copyOf(frame, frame.length);
                            for (int flips = 1 + random.nextInt(4);
                                    flips > 0 || Arrays.equals(mutated, frame);
                                    flips--) { // two flips of one byte may cancel: flip until it differs
                                mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
                            }
                            out.put(mutated);
                        }
                        default -> out.put(wrongKey.get(random.nextInt(wrongKey.size())));
                    }
                    attacker.send(out.flip(), to);
                }
                sent += batch;
                long expected = dropsBefore + sent;
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(1))
                        .failFast(() -> false)
                        .alias("drops after " + sent + " sent")
                        .until(() -> drops(target) >= expected);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<DropReason, Long> byReason = target.snapshot().drops();
        System.out.printf(
                "hostile datagrams: %,d in %.1f s (%,.0f/s), drops by reason %s%n",
                count, seconds, count / seconds, byReason);

        assertThat(drops(target) - dropsBefore)
                .as("every hostile datagram counted once, seed %d", SEED)
                .isEqualTo(count);
        assertThat(byReason.get(DropReason.AUTHENTICATION_FAILED)).isGreaterThanOrEqualTo(count);
        assertThat(delivered).as("none of them was delivered").hasSize(1);

        sender.broadcast(new byte[] {2});
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 2);
    }
}
