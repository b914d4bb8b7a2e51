package dev.gossip.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.DropReason;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.TransportConfig;
import dev.gossip.core.Gossip;
import dev.gossip.testkit.StaticMembership;
import dev.gossip.transport.inmem.InMemoryNetwork;
import dev.gossip.transport.inmem.InMemoryTransportProvider;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GossipMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final InMemoryNetwork network = InMemoryNetwork.create();
    private final List<GossipNode> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(GossipNode::close);
        network.close();
    }

    private GossipNode node(String name) {
        GossipConfig config = GossipConfig.local().toBuilder()
                .transport(TransportConfig.builder().bind("mem:" + name).build())
                .build();
        GossipNode node = Gossip.builder(config)
                .transport(new InMemoryTransportProvider(network))
                .membership(StaticMembership.empty())
                .random(new SplittableRandom(nodes.size()))
                .build();
        nodes.add(node);
        return node;
    }

    /** What a registry does on a scrape: read every meter once. */
    private static void scrape(MeterRegistry registry) {
        for (Meter meter : registry.getMeters()) {
            meter.measure().forEach(m -> m.getValue());
        }
    }

    private static double counter(MeterRegistry registry, String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    @Test
    void metersFollowTheSnapshot() {
        GossipNode a = node("a");
        GossipNode b = node("b");
        MeterRegistry registry = new SimpleMeterRegistry();
        new GossipMetrics(b, Tags.of("node", "b")).bindTo(registry);
        a.start();
        b.start();
        b.join(List.of(a.id().address()), WAIT);
        a.broadcast(new byte[] {1, 2, 3});
        a.broadcast(ByteBuffer.wrap(new byte[] {4}));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(counter(registry, "gossip.messages.delivered"))
                        .isEqualTo(2.0));
        var snapshot = b.snapshot();
        assertThat(counter(registry, "gossip.datagrams.sent", "node", "b")).isEqualTo(snapshot.datagramsSent());
        assertThat(counter(registry, "gossip.datagrams.received")).isEqualTo(snapshot.datagramsReceived());
        assertThat(counter(registry, "gossip.messages.broadcast")).isZero();
        assertThat(registry.get("gossip.view.size")
                        .tag("view", "partial")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        assertThat(registry.get("gossip.view.size").tag("view", "in").gauge().value())
                .isEqualTo(1.0);
        assertThat(registry.get("gossip.cluster.size.estimate").gauge().value()).isEqualTo(snapshot.estimatedSize());
        for (DropReason reason : DropReason.values()) {
            assertThat(counter(registry, "gossip.drops", "reason", reason.name().toLowerCase(Locale.ROOT)))
                    .as(reason.name())
                    .isZero();
        }
        assertThat(registry.get("gossip.drops").functionCounters()).hasSize(DropReason.values().length);
    }

    @Test
    void membershipCountersAreRegisteredAsTheyAppear() {
        GossipNode a = node("a");
        MeterRegistry registry = new SimpleMeterRegistry();
        new GossipMetrics(a).bindTo(registry);
        assertThat(registry.find("gossip.membership.events").meters())
                .as("before start")
                .isEmpty();

        a.start();
        scrape(registry);
        scrape(registry);

        FunctionCounter ticks =
                registry.get("gossip.membership.events").tag("name", "ticks").functionCounter();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(ticks.count()).as("timer ticks").isPositive());
        assertThat(registry.find("gossip.membership.events").meters())
                .hasSize(a.snapshot().membershipCounters().size());

        MeterRegistry second = new SimpleMeterRegistry();
        new GossipMetrics(a).bindTo(second);
        // the membership's three counters and the engine's (tree.*, bundling.*, antiEntropy.*, ...)
        assertThat(second.find("gossip.membership.events").meters())
                .as("known when bound")
                .hasSize(a.snapshot().membershipCounters().size());
    }

    @Test
    void oneSnapshotPerScrapeNotPerMeter() {
        GossipNode a = node("a");
        AtomicLong clock = new AtomicLong();
        GossipMetrics metrics = new GossipMetrics(a, Tags.empty(), Duration.ofSeconds(1), clock::get);
        MeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        assertThat(registry.getMeters()).hasSizeGreaterThan(15);
        scrape(registry); // the first scrape reuses the snapshot taken when binding
        long before = metrics.snapshotsTaken();
        assertThat(before).isEqualTo(1);

        for (int i = 1; i <= 3; i++) {
            scrape(registry);
            assertThat(metrics.snapshotsTaken()).as("after scrape " + i).isEqualTo(before + i);
        }

        // One meter read now and then, as a push registry may: fresh once the cached one is 1 s old.
        var delivered = registry.get("gossip.messages.delivered").functionCounter();
        var sent = registry.get("gossip.datagrams.sent").functionCounter();
        long afterScrapes = metrics.snapshotsTaken();
        delivered.count(); // already read in the last scrape: a new one
        sent.count();
        assertThat(metrics.snapshotsTaken()).isEqualTo(afterScrapes + 1);
        clock.addAndGet(Duration.ofMillis(1001).toNanos());
        registry.get("gossip.view.size").tag("view", "in").gauge().value();
        assertThat(metrics.snapshotsTaken()).isEqualTo(afterScrapes + 2);
    }
}
