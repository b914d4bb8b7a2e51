package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.TransportConfig;
import dev.gossip.core.Gossip;
import dev.gossip.transport.dtls.DtlsSettings;
import dev.gossip.transport.dtls.DtlsTransport;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node over dtls closes and a new node, with a new certificate and so a new session, starts on
 * the same address and joins again: messages flow both ways at once, long before the seed's old
 * session would be evicted as idle ({@link DtlsSettings#DEFAULT_IDLE_TIMEOUT_MILLIS} ms).
 * (CliProcessIT kills a {@code gossip node} process instead, so no close_notify goes out.)
 */
@Timeout(120)
class DtlsRestartTest {

    private static final TransportConfig LOOPBACK =
            TransportConfig.builder().bind("127.0.0.1:0").build();

    @Test
    void aNodeRestartedOnTheSameAddressRejoinsAndMessagesFlowBothWaysWithoutWaitingForIdleEviction() throws Exception {
        long seed = Seeds.seed(20_261_214L);
        DtlsNodes keys = new DtlsNodes("restart CA", seed, LOOPBACK);
        GossipConfig config =
                GossipConfig.local().toBuilder().transport(LOOPBACK).build();
        TransportConfig fixed =
                TransportConfig.builder().bind("127.0.0.1:" + freePort()).build();
        GossipConfig fixedConfig = config.toBuilder().transport(fixed).build();
        DtlsTransport seedTransport = keys.transport(0);
        Queue<String> atSeed = new ConcurrentLinkedQueue<>();
        try (GossipNode seedNode =
                Gossip.builder(config).transport(seedTransport).build()) {
            seedNode.addMessageListener(d -> atSeed.add(new String(d.payloadBytes(), StandardCharsets.UTF_8)));
            seedNode.start();

            for (int life = 1; life <= 3; life++) {
                long started = System.nanoTime();
                DtlsTransport transport =
                        keys.add(new DtlsTransport(fixed, DtlsSettings.defaults(keys.material("restarting-" + life))));
                Queue<String> atNode = new ConcurrentLinkedQueue<>();
                try (GossipNode node =
                        Gossip.builder(fixedConfig).transport(transport).build()) {
                    node.addMessageListener(d -> atNode.add(new String(d.payloadBytes(), StandardCharsets.UTF_8)));
                    node.start();
                    node.join(List.of(seedNode.id().address()), Duration.ofSeconds(10));
                    String up = "from life " + life;
                    String down = "to life " + life;
                    node.broadcast(up.getBytes(StandardCharsets.UTF_8));
                    seedNode.broadcast(down.getBytes(StandardCharsets.UTF_8));
                    int l = life;
                    await().alias("life " + l + " both ways, seed " + seed)
                            .atMost(Duration.ofSeconds(20))
                            .until(() -> atSeed.contains(up) && atNode.contains(down));
                    assertThat(transport.stats().handshakeFailures())
                            .as("seed %d", seed)
                            .isZero();
                }
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                System.out.printf(
                        "dtls restart: life %d rejoined and exchanged both ways in %d ms%n", life, took.toMillis());
                assertThat(took).isLessThan(Duration.ofMillis(DtlsSettings.DEFAULT_IDLE_TIMEOUT_MILLIS));
            }
            assertThat(atSeed).as("seed %d", seed).containsExactly("from life 1", "from life 2", "from life 3");
            assertThat(seedTransport.stats().handshakesCompleted())
                    .as("one new session per life at least, seed %d", seed)
                    .isGreaterThanOrEqualTo(3);
            assertThat(seedTransport.stats().handshakeFailures())
                    .as("seed %d", seed)
                    .isZero();
        }
    }

    private static int freePort() throws Exception {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }
}
