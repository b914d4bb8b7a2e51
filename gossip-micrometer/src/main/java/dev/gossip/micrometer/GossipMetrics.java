package dev.gossip.micrometer;

import dev.gossip.DropReason;
import dev.gossip.GossipNode;
import dev.gossip.NodeSnapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a node's {@link NodeSnapshot} as Micrometer meters. Bind it once the node is built:
 * <pre>{@code
 * new GossipMetrics(node, Tags.of("cluster", "orders")).bindTo(registry);
 * }</pre>
 *
 * <table>
 *   <caption>meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>snapshot field</th></tr>
 *   <tr><td>{@code gossip.datagrams.sent}</td><td>function counter</td><td></td><td>{@link NodeSnapshot#datagramsSent()}</td></tr>
 *   <tr><td>{@code gossip.datagrams.received}</td><td>function counter</td><td></td><td>{@link NodeSnapshot#datagramsReceived()}</td></tr>
 *   <tr><td>{@code gossip.messages.broadcast}</td><td>function counter</td><td></td><td>{@link NodeSnapshot#broadcasts()}</td></tr>
 *   <tr><td>{@code gossip.messages.delivered}</td><td>function counter</td><td></td><td>{@link NodeSnapshot#delivered()}</td></tr>
 *   <tr><td>{@code gossip.messages.duplicates}</td><td>function counter</td><td></td><td>{@link NodeSnapshot#duplicates()}</td></tr>
 *   <tr><td>{@code gossip.messages.forwarded}</td><td>function counter</td><td></td><td>{@link NodeSnapshot#forwarded()}</td></tr>
 *   <tr><td>{@code gossip.drops}</td><td>function counter</td><td>{@code reason} (a {@link DropReason}
 *       in lower case, every one present)</td><td>{@link NodeSnapshot#drops()}</td></tr>
 *   <tr><td>{@code gossip.view.size}</td><td>gauge</td><td>{@code view}: {@code partial} or {@code in}</td>
 *       <td>{@link NodeSnapshot#partialView()}, {@link NodeSnapshot#inView()} sizes</td></tr>
 *   <tr><td>{@code gossip.cluster.size.estimate}</td><td>gauge</td><td></td><td>{@link NodeSnapshot#estimatedSize()}</td></tr>
 *   <tr><td>{@code gossip.membership.events}</td><td>function counter</td><td>{@code name}: the
 *       membership's counter name</td><td>{@link NodeSnapshot#membershipCounters()}; registered as
 *       names appear (most after the node starts)</td></tr>
 * </table>
 * Every meter also carries the tags given to the constructor.
 *
 * <p>Cost: one {@link GossipNode#snapshot()} per scrape, shared by all meters (see
 * {@link #DEFAULT_MAX_AGE} for the rule), never one per meter. Meters hold the node weakly, as
 * Micrometer's function meters do: once the application drops the node they read {@code NaN}.
 * Thread-safe.
 */
public final class GossipMetrics implements MeterBinder {

    /** Longest a snapshot is reused: a meter gets a fresh one when it already read the cached one
     * (a new scrape) or when the cached one is older than this, 1 s. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(1);

    private final GossipNode node;
    private final Meters meters;

    /**
     * @param node the node to publish
     */
    public GossipMetrics(GossipNode node) {
        this(node, Tags.empty());
    }

    /**
     * @param node the node to publish
     * @param tags added to every meter, such as the node or cluster name
     */
    public GossipMetrics(GossipNode node, Iterable<Tag> tags) {
        this(node, tags, DEFAULT_MAX_AGE, System::nanoTime);
    }

    GossipMetrics(GossipNode node, Iterable<Tag> tags, Duration maxAge, LongSupplier nanoClock) {
        this.node = Objects.requireNonNull(node, "node");
        this.meters = new Meters(
                Tags.of(Objects.requireNonNull(tags, "tags")), new SnapshotCache(maxAge.toNanos(), nanoClock));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        meters.bindTo(Objects.requireNonNull(registry, "registry"), node);
    }

    /** @return snapshots taken so far (for tests) */
    long snapshotsTaken() {
        return meters.cache.snapshotsTaken();
    }

    @Override
    public String toString() {
        return "GossipMetrics" + meters.tags;
    }

    /**
     * The meters' functions and what they share. Holds no reference to the node: each function is
     * given the node from its meter's weak reference.
     */
    private static final class Meters {
        private final Tags tags;
        private final SnapshotCache cache;
        private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

        Meters(Tags tags, SnapshotCache cache) {
            this.tags = tags;
            this.cache = cache;
        }

        void bindTo(MeterRegistry registry, GossipNode node) {
            registries.add(registry);
            counter(
                    registry,
                    node,
                    "gossip.datagrams.sent",
                    "datagrams handed to the transport",
                    "datagrams",
                    Tags.empty(),
                    NodeSnapshot::datagramsSent);
            counter(
                    registry,
                    node,
                    "gossip.datagrams.received",
                    "datagrams received, valid or not",
                    "datagrams",
                    Tags.empty(),
                    NodeSnapshot::datagramsReceived);
            counter(
                    registry,
                    node,
                    "gossip.messages.broadcast",
                    "messages this node originated",
                    "messages",
                    Tags.empty(),
                    NodeSnapshot::broadcasts);
            counter(
                    registry,
                    node,
                    "gossip.messages.delivered",
                    "messages delivered to the listeners",
                    "messages",
                    Tags.empty(),
                    NodeSnapshot::delivered);
            counter(
                    registry,
                    node,
                    "gossip.messages.duplicates",
                    "gossip messages received again",
                    "messages",
                    Tags.empty(),
                    NodeSnapshot::duplicates);
            counter(
                    registry,
                    node,
                    "gossip.messages.forwarded",
                    "gossip copies sent on to partial-view" + " members",
                    "messages",
                    Tags.empty(),
                    NodeSnapshot::forwarded);
            for (DropReason reason : DropReason.values()) {
                counter(
                        registry,
                        node,
                        "gossip.drops",
                        "datagrams and messages dropped, by reason",
                        "datagrams",
                        Tags.of("reason", reason.name().toLowerCase(Locale.ROOT)),
                        s -> s.drops(reason));
            }
            gauge(
                    registry,
                    node,
                    "gossip.view.size",
                    "members in the view",
                    "nodes",
                    Tags.of("view", "partial"),
                    s -> s.partialView().size());
            gauge(
                    registry,
                    node,
                    "gossip.view.size",
                    "members in the view",
                    "nodes",
                    Tags.of("view", "in"),
                    s -> s.inView().size());
            gauge(
                    registry,
                    node,
                    "gossip.cluster.size.estimate",
                    "cluster size estimated from the" + " partial view",
                    "nodes",
                    Tags.empty(),
                    NodeSnapshot::estimatedSize);
            for (String name : cache.membershipCounters()) {
                membershipCounter(registry, node, name);
            }
            read(node, cache.register()); // registers the membership counters present now
        }

        private void counter(
                MeterRegistry registry,
                GossipNode node,
                String name,
                String description,
                String unit,
                Tags extra,
                ToDoubleFunction<NodeSnapshot> value) {
            int meter = cache.register();
            FunctionCounter.builder(name, node, n -> value.applyAsDouble(read(n, meter)))
                    .description(description)
                    .baseUnit(unit)
                    .tags(tags.and(extra))
                    .register(registry);
        }

        private void gauge(
                MeterRegistry registry,
                GossipNode node,
                String name,
                String description,
                String unit,
                Tags extra,
                ToDoubleFunction<NodeSnapshot> value) {
            int meter = cache.register();
            Gauge.builder(name, node, n -> value.applyAsDouble(read(n, meter)))
                    .description(description)
                    .baseUnit(unit)
                    .tags(tags.and(extra))
                    .register(registry);
        }

        private void membershipCounter(MeterRegistry registry, GossipNode node, String counter) {
            counter(
                    registry,
                    node,
                    "gossip.membership.events",
                    "counters of the membership protocol," + " by name",
                    "events",
                    Tags.of("name", counter),
                    s -> s.membershipCounters().getOrDefault(counter, 0L));
        }

        /** Reads the shared snapshot; registers membership counters that appeared, outside its lock. */
        private NodeSnapshot read(GossipNode node, int meter) {
            List<String> appeared = new ArrayList<>(0);
            NodeSnapshot snapshot = cache.read(node, meter, appeared);
            for (String counter : appeared) {
                for (MeterRegistry registry : registries) {
                    membershipCounter(registry, node, counter);
                }
            }
            return snapshot;
        }
    }
}
