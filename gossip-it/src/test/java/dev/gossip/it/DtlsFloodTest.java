package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.GossipConfig;
import dev.gossip.IpAddress;
import dev.gossip.TransportConfig;
import dev.gossip.transport.dtls.DtlsSettings;
import dev.gossip.transport.dtls.DtlsTransport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 100,000 garbage datagrams and 10,000 real ClientHellos from 1,000 source ports thrown at a live
 * node of a dtls cluster: it keeps delivering, and every structure a stranger can make it fill
 * stays within its bound.
 */
@Timeout(300)
class DtlsFloodTest {

    private static final TransportConfig LOOPBACK =
            TransportConfig.builder().bind("127.0.0.1:0").build();
    private static final int MAX_HANDSHAKES = 64;

    @Test
    void garbageAndClientHelloFloodLeavesANodeDeliveringWithBoundedState() throws Exception {
        long seed = Seeds.seed(20_261_210L);
        DtlsNodes keys = new DtlsNodes("flood CA", seed, LOOPBACK);
        GossipConfig config =
                GossipConfig.local().toBuilder().transport(LOOPBACK).build();
        try (TestCluster cluster = TestCluster.start(
                4,
                config,
                seed,
                i -> keys.add(new DtlsTransport(
                        LOOPBACK,
                        DtlsSettings.defaults(keys.material("node-" + i)).withHandshakeLimits(MAX_HANDSHAKES, 200))))) {
            cluster.awaitNonEmptyViews();
            java.util.Map<dev.gossip.MessageId, Integer> origins = new java.util.HashMap<>();
            origins.put(cluster.broadcastAndAwait(1, "before the flood"), 1);
            DtlsTransport target = keys.transports.get(0);
            InetSocketAddress to = ((IpAddress) target.localAddress()).socketAddress();
            DtlsTransport.Stats before = target.stats();
            SplittableRandom random = new SplittableRandom(seed);

            List<ByteBuffer> hellos = clientHellos(2_000);
            int garbageSent = 0;
            int hellosSent = 0;
            List<DatagramChannel> sources = new ArrayList<>();
            try {
                for (int s = 0; s < 1_000; s++) {
                    DatagramChannel channel = DatagramChannel.open();
                    channel.bind(new InetSocketAddress("127.0.0.1", 0));
                    sources.add(channel);
                }
                byte[] junk = new byte[1_400];
                for (int round = 0; round < 100; round++) {
                    for (int g = 0; g < 1_000; g++) { // garbage, from 10 of the sources
                        random.nextBytes(junk);
                        int length = 1 + random.nextInt(junk.length);
                        sources.get(g % 10).send(ByteBuffer.wrap(junk, 0, length), to);
                        garbageSent++;
                    }
                    for (int h = 0; h < 100; h++) { // ClientHellos, each source port in turn
                        DatagramChannel source = sources.get((round * 100 + h) % sources.size());
                        source.send(
                                hellos.get((round * 100 + h) % hellos.size()).duplicate(), to);
                        hellosSent++;
                    }
                    if (round % 10 == 9) {
                        origins.put(cluster.broadcastAndAwait(round % 4, "during the flood " + round), round % 4);
                    }
                }
            } finally {
                for (DatagramChannel channel : sources) {
                    channel.close();
                }
            }
            origins.put(cluster.broadcastAndAwait(2, "after the flood"), 2);
            cluster.assertExactlyOnce(origins);

            DtlsTransport.Stats after = target.stats();
            System.out.printf(
                    "flood: %d garbage and %d ClientHellos sent; the node counted %d unauthenticated, "
                            + "%d cookies sent, %d rate-limited, %d handshakes refused; now %d sessions, %d "
                            + "cookies waiting, %d handshakes, %d rate-limited sources (seed %d)%n",
                    garbageSent,
                    hellosSent,
                    after.unauthenticated() - before.unauthenticated(),
                    after.cookiesSent() - before.cookiesSent(),
                    after.rateLimited() - before.rateLimited(),
                    after.handshakesRefused() - before.handshakesRefused(),
                    after.sessions(),
                    after.cookiesWaiting(),
                    after.handshakesInProgress(),
                    after.rateLimiterSources(),
                    seed);
            assertThat(garbageSent).isEqualTo(100_000);
            assertThat(hellosSent).isEqualTo(10_000);
            assertThat(after.unauthenticated() - before.unauthenticated())
                    .as("garbage counted (the socket buffer may lose some), seed %d", seed)
                    .isGreaterThan(10_000);
            assertThat(after.cookiesSent() - before.cookiesSent() + after.rateLimited() - before.rateLimited())
                    .as("ClientHellos answered with a cookie or rate-limited, seed %d", seed)
                    .isGreaterThan(1_000);
            assertThat(after.handshakesStarted())
                    .as("no handshake began for a source that never echoed a cookie, seed %d", seed)
                    .isEqualTo(before.handshakesStarted());
            assertThat(after.cookiesWaiting()).isLessThanOrEqualTo(MAX_HANDSHAKES);
            assertThat(after.handshakesInProgress()).isLessThanOrEqualTo(MAX_HANDSHAKES);
            assertThat(after.sessions()).as("only the cluster's peers").isLessThanOrEqualTo(cluster.size() - 1);
            assertThat(after.rateLimiterSources()).isLessThanOrEqualTo(4_096);
            await().atMost(Duration.ofSeconds(5)).until(() -> target.stats().sessions() <= cluster.size() - 1);
        }
    }

    /** Real DTLS 1.2 ClientHellos, each from its own client engine (distinct randoms). */
    private static List<ByteBuffer> clientHellos(int count) throws Exception {
        SSLContext context = SSLContext.getInstance("DTLSv1.2");
        context.init(null, null, null);
        List<ByteBuffer> hellos = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SSLEngine engine = context.createSSLEngine("127.0.0.1", 10_000 + i);
            engine.setUseClientMode(true);
            engine.beginHandshake();
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), out);
            out.flip();
            hellos.add(out.asReadOnlyBuffer());
        }
        return hellos;
    }
}
