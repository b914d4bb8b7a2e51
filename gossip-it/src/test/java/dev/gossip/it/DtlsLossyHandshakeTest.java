package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.IpAddress;
import dev.gossip.TransportConfig;
import dev.gossip.spi.Transport;
import dev.gossip.transport.dtls.DtlsTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Handshakes through a relay on 127.0.0.1 that drops 20% of the datagrams each way. */
@Timeout(180)
class DtlsLossyHandshakeTest {

    private static final TransportConfig LOOPBACK =
            TransportConfig.builder().bind("127.0.0.1:0").build();

    @Test
    void handshakesCompleteAndDataArrivesThroughARelayDropping20Percent() throws Exception {
        long seed = Seeds.seed(20_261_209L);
        DtlsNodes keys = new DtlsNodes("relay CA", seed, LOOPBACK);
        SplittableRandom seeds = new SplittableRandom(seed);
        int pairs = 5;
        long dropped = 0;
        long relayed = 0;
        long retransmissions = 0;
        for (int p = 0; p < pairs; p++) {
            AtomicInteger atB = new AtomicInteger();
            DtlsTransport a = keys.transport(2 * p);
            DtlsTransport b = keys.transport(2 * p + 1);
            a.start(new Transport.Receiver() {
                @Override
                public void onDatagram(dev.gossip.Address from, ByteBuffer datagram) {}
            });
            b.start((from, datagram) -> atB.incrementAndGet());
            try (LossyRelay relay =
                    new LossyRelay(((IpAddress) b.localAddress()).socketAddress(), 0.2, seeds.nextLong())) {
                IpAddress via = IpAddress.of(relay.frontAddress());
                // Keep sending (one datagram per 100 ms, as gossip's heartbeats would) until some arrive.
                await().alias("pair " + p + " through the lossy relay, seed " + seed)
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            a.send(via, ByteBuffer.wrap(new byte[] {1, 2, 3}));
                            return atB.get() >= 3;
                        });
                assertThat(a.stats().handshakesCompleted()).as("seed %d", seed).isEqualTo(1);
                dropped += relay.dropped.get();
                relayed += relay.relayed.get();
                retransmissions += a.stats().retransmissions() + b.stats().retransmissions();
            } finally {
                a.close();
                b.close();
            }
        }
        System.out.printf(
                "lossy relay: %d handshakes, %d datagrams relayed, %d dropped, %d retransmissions (seed %d)%n",
                pairs, relayed, dropped, retransmissions, seed);
        assertThat(dropped).as("the relay dropped datagrams, seed %d", seed).isPositive();
        assertThat((double) dropped / (dropped + relayed)).isBetween(0.05, 0.40);
    }

    /**
     * Forwards datagrams between one client (whoever sends to {@link #frontAddress()} first) and
     * one server, dropping each with a seeded probability.
     */
    static final class LossyRelay implements AutoCloseable {
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong relayed = new AtomicLong();
        private final DatagramChannel front = DatagramChannel.open();
        private final DatagramChannel back = DatagramChannel.open();
        private final Thread forward;
        private final Thread backward;
        private volatile InetSocketAddress client;

        LossyRelay(InetSocketAddress server, double loss, long seed) throws IOException {
            front.bind(new InetSocketAddress("127.0.0.1", 0));
            back.bind(new InetSocketAddress("127.0.0.1", 0));
            SplittableRandom random = new SplittableRandom(seed);
            SplittableRandom forwardRandom = random.split();
            SplittableRandom backwardRandom = random.split();
            forward = pump(front, back, () -> server, loss, forwardRandom, true);
            backward = pump(back, front, () -> client, loss, backwardRandom, false);
        }

        InetSocketAddress frontAddress() throws IOException {
            return (InetSocketAddress) front.getLocalAddress();
        }

        private Thread pump(
                DatagramChannel in,
                DatagramChannel out,
                java.util.function.Supplier<InetSocketAddress> to,
                double loss,
                SplittableRandom random,
                boolean learnClient) {
            Thread thread = new Thread(
                    () -> {
                        ByteBuffer buffer = ByteBuffer.allocate(65_536);
                        while (true) {
                            try {
                                buffer.clear();
                                InetSocketAddress from = (InetSocketAddress) in.receive(buffer);
                                if (learnClient) {
                                    client = from;
                                }
                                buffer.flip();
                                InetSocketAddress target = to.get();
                                if (random.nextDouble() < loss || target == null) {
                                    dropped.incrementAndGet();
                                    continue;
                                }
                                out.send(buffer, target);
                                relayed.incrementAndGet();
                            } catch (IOException e) {
                                return; // closed
                            }
                        }
                    },
                    "lossy-relay");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        @Override
        public void close() throws IOException {
            front.close();
            back.close();
        }
    }
}
