package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.DropReason;
import dev.gossip.GossipConfig;
import dev.gossip.IpAddress;
import dev.gossip.NodeId;
import dev.gossip.NodeSnapshot;
import dev.gossip.core.codec.BinaryCodecProvider;
import dev.gossip.spi.Codec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Garbage sent with a raw DatagramChannel to a running UDP node is dropped, counted by reason,
 * and does not stop the node from delivering and forwarding the next broadcast.
 */
class MalformedDatagramTest {

    @Test
    void malformedDatagramsAreCountedAndTheNodeKeepsDelivering() throws IOException {
        long seed = Seeds.seed(0xBAD_F00DL);
        SplittableRandom random = new SplittableRandom(seed);
        GossipConfig config =
                GossipConfig.local().toBuilder().transportProvider("udp").build();
        try (TestCluster cluster = TestCluster.start(3, config, seed);
                DatagramChannel raw = DatagramChannel.open()) {
            cluster.awaitNonEmptyViews();
            raw.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress target = ((IpAddress) cluster.node(1).id().address()).socketAddress();
            NodeSnapshot before = cluster.node(1).snapshot();

            byte[] valid = validGossipFrame(
                    config, NodeId.parse("127.0.0.1:" + raw.socket().getLocalPort()), random);
            byte[] garbage = new byte[64];
            random.nextBytes(garbage);
            byte[] badMagic = valid.clone();
            badMagic[0] ^= (byte) 0xFF;
            badMagic[1] ^= (byte) 0xFF;
            byte[][] datagrams = {
                garbage,
                Arrays.copyOf(valid, 3), // cut inside the header
                Arrays.copyOf(valid, valid.length - 1), // payload shorter than declared
                badMagic,
            };
            for (byte[] datagram : datagrams) {
                raw.send(ByteBuffer.wrap(datagram), target);
            }

            await().alias("4 drops counted, seed " + seed)
                    .atMost(TestCluster.DELIVERY_TIMEOUT)
                    .until(() -> cluster.node(1).snapshot().totalDrops() - before.totalDrops() >= 4);
            NodeSnapshot after = cluster.node(1).snapshot();
            assertThat(after.drops(DropReason.TRUNCATED) - before.drops(DropReason.TRUNCATED))
                    .as("TRUNCATED drops, seed %d, drops %s", seed, after.drops())
                    .isGreaterThanOrEqualTo(2);
            assertThat(after.drops(DropReason.BAD_MAGIC) - before.drops(DropReason.BAD_MAGIC))
                    .as("BAD_MAGIC drops, seed %d, drops %s", seed, after.drops())
                    .isGreaterThanOrEqualTo(1);
            assertThat(after.delivered())
                    .as("nothing delivered from garbage, seed %d", seed)
                    .isEqualTo(before.delivered());

            cluster.broadcastAndCheck(0, "after the garbage, from node 0");
            cluster.broadcastAndCheck(1, "after the garbage, from the node that got it");
        }
    }

    private static byte[] validGossipFrame(GossipConfig config, NodeId origin, SplittableRandom random) {
        Codec codec = new BinaryCodecProvider().create(config);
        ByteBuffer dst = ByteBuffer.allocate(config.transport().maxDatagramBytes());
        codec.encodeGossip(
                random.nextLong(),
                random.nextLong(),
                origin,
                0,
                ByteBuffer.wrap("a payload of some length".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                dst);
        dst.flip();
        byte[] bytes = new byte[dst.remaining()];
        dst.get(bytes);
        return bytes;
    }
}
