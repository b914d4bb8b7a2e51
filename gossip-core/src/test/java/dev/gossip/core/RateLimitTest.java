package dev.gossip.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.Address;
import dev.gossip.DropReason;
import dev.gossip.GossipConfig;
import dev.gossip.NodeId;
import dev.gossip.NodeSnapshot;
import dev.gossip.OpaqueAddress;
import dev.gossip.RateLimitConfig;
import dev.gossip.core.codec.BinaryCodec;
import dev.gossip.spi.MembershipMessage;
import dev.gossip.testkit.StaticMembership;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Per-sender token buckets on membership messages. */
class RateLimitTest {

    private static final NodeId SELF = new NodeId(OpaqueAddress.of("mem", "self"));
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private GossipEngine engine(RateLimitConfig limits) {
        GossipConfig config = GossipConfig.builder().rateLimit(limits).build();
        return new GossipEngine(
                config,
                SELF,
                new BinaryCodec(config),
                StaticMembership.empty(),
                new SplittableRandom(1),
                clock::get,
                new GossipEngine.Outbound() {
                    @Override
                    public boolean send(Address to, ByteBuffer datagram) {
                        return true;
                    }

                    @Override
                    public int maxDatagramBytes() {
                        return 1400;
                    }
                },
                new EngineNetwork.Recorder());
    }

    private static ByteBuffer membership(Address sender, int type) {
        GossipConfig config = GossipConfig.lan();
        ByteBuffer dst = ByteBuffer.allocate(1400);
        new BinaryCodec(config).encodeMembership(MembershipMessage.of(type, new NodeId(sender)), dst);
        return dst.flip();
    }

    private static long limited(GossipEngine engine) {
        return engine.snapshot(NodeSnapshot.State.RUNNING).drops().get(DropReason.RATE_LIMITED);
    }

    private static void flood(GossipEngine engine, Address from, int type, int count) {
        for (int i = 0; i < count; i++) {
            engine.onDatagram(from, membership(from, type));
        }
    }

    @Test
    void aBurstPassesThenTheRateHolds() {
        GossipEngine engine = engine(new RateLimitConfig(10, 5, 100));
        Address x = OpaqueAddress.of("mem", "x");

        flood(engine, x, 2, 12);
        assertThat(limited(engine)).isEqualTo(7);

        clock.addAndGet(100_000_000L); // 0.1 s earns one token at 10/s
        flood(engine, x, 2, 3);
        assertThat(limited(engine)).isEqualTo(9);

        flood(engine, x, 4, 5); // another type has its own bucket
        flood(engine, OpaqueAddress.of("mem", "y"), 2, 5); // another sender too
        assertThat(limited(engine)).isEqualTo(9);
    }

    @Test
    void offLimitsNothing() {
        GossipEngine engine = engine(RateLimitConfig.off());
        flood(engine, OpaqueAddress.of("mem", "x"), 2, 5_000);
        assertThat(limited(engine)).isZero();
    }

    @Test
    void trackedSendersAreBounded() {
        SenderRateLimits limits = new SenderRateLimits(1, 1, 3);
        for (int i = 0; i < 10; i++) {
            assertThat(limits.tryAcquire(OpaqueAddress.of("mem", "n" + i), 1, 0))
                    .isTrue();
        }
        assertThat(limits.trackedSenders()).isEqualTo(3);
        assertThat(limits.evictions()).isEqualTo(7);
        assertThat(limits.tryAcquire(OpaqueAddress.of("mem", "n9"), 1, 0))
                .as("n9 still tracked, empty")
                .isFalse();
    }
}
