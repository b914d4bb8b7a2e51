package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gossip.Address;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.MessageId;
import dev.gossip.NodeSnapshot;
import dev.gossip.core.Gossip;
import dev.gossip.spi.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N nodes built as a user would, joined one after another through node 0, with every delivery
 * counted by message id per node. Seeded: node i's random source is derived from the seed, which
 * every failure message names. Closes every node and its shared timer on {@link #close()}.
 */
final class TestCluster implements AutoCloseable {

    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);
    /** How long no extra delivery may arrive once every node has delivered. */
    static final Duration QUIET = Duration.ofMillis(300);

    /**
     * How long a check that must hold for {@link #QUIET} may take in all. The check fails at once on
     * an extra delivery (it asserts), so this only bounds how late the quiet period may end: on a
     * loaded 2-core machine the polling thread can stall for longer than the period itself (a
     * limit of three periods failed a clean build's DtlsRotationTest that way).
     */
    static final Duration QUIET_LIMIT = QUIET.plus(Duration.ofSeconds(10));

    private final long seed;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "it-timer");
        t.setDaemon(true);
        return t;
    });
    private final List<GossipNode> nodes = new ArrayList<>();
    private final List<Map<MessageId, AtomicInteger>> deliveries = new ArrayList<>();
    /** Nodes that left: no longer expected to deliver or to hold a view. */
    private final Set<Integer> left = ConcurrentHashMap.newKeySet();

    private TestCluster(long seed) {
        this.seed = seed;
    }

    /**
     * Starts {@code size} nodes with {@code config} and joins nodes 1.. through node 0.
     *
     * @param size number of nodes
     * @param config every node's config (the transport provider chosen by name)
     * @param seed seed of every node's random source
     * @return the running, joined cluster
     */
    static TestCluster start(int size, GossipConfig config, long seed) {
        return start(size, config, seed, null);
    }

    /**
     * Starts {@code size} nodes, node i over the transport {@code transports} makes for it (or the
     * config's provider if {@code transports} is {@code null}), and joins nodes 1.. through node 0.
     *
     * @param size number of nodes
     * @param config every node's config
     * @param seed seed of every node's random source
     * @param transports node index to a new, unstarted transport; may be {@code null}
     * @return the running, joined cluster
     */
    static TestCluster start(
            int size, GossipConfig config, long seed, java.util.function.IntFunction<Transport> transports) {
        TestCluster cluster = new TestCluster(seed);
        try {
            SplittableRandom seeds = new SplittableRandom(seed);
            for (int i = 0; i < size; i++) {
                Gossip.Builder builder = Gossip.builder(config);
                if (transports != null) {
                    builder.transport(transports.apply(i));
                }
                GossipNode node = builder.random(new SplittableRandom(seeds.nextLong()))
                        .scheduler(cluster.timer)
                        .build();
                Map<MessageId, AtomicInteger> counts = new ConcurrentHashMap<>();
                node.addMessageListener(d -> counts.computeIfAbsent(d.id(), id -> new AtomicInteger())
                        .incrementAndGet());
                cluster.nodes.add(node);
                cluster.deliveries.add(counts);
                node.start();
            }
            Address seedAddress = cluster.nodes.get(0).id().address();
            for (int i = 1; i < size; i++) {
                cluster.nodes.get(i).join(List.of(seedAddress), JOIN_TIMEOUT);
            }
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** @return the seed, for failure messages */
    long seed() {
        return seed;
    }

    int size() {
        return nodes.size();
    }

    GossipNode node(int i) {
        return nodes.get(i);
    }

    /**
     * Makes node {@code i} leave gracefully; from then on it is expected to deliver nothing.
     *
     * @param i the node's index
     */
    void leave(int i) {
        left.add(i);
        nodes.get(i).leave();
    }

    /** Waits until every node that has not left has a non-empty partial view. */
    void awaitNonEmptyViews() {
        await().alias("every partial view non-empty, seed " + seed)
                .atMost(JOIN_TIMEOUT)
                .until(() -> present()
                        .allMatch(i -> !nodes.get(i).snapshot().partialView().isEmpty()));
    }

    private java.util.stream.Stream<Integer> present() {
        return java.util.stream.IntStream.range(0, nodes.size()).boxed().filter(i -> !left.contains(i));
    }

    /**
     * Broadcasts from node {@code origin} and checks that every other node delivers it exactly once
     * (and the origin not at all), then that no extra delivery arrives for a while.
     *
     * @param origin index of the broadcasting node
     * @param text the payload text
     * @return the message id
     */
    MessageId broadcastAndCheck(int origin, String text) {
        MessageId id = nodes.get(origin).broadcast(text.getBytes(StandardCharsets.UTF_8));
        await().alias("message from node " + origin + " delivered everywhere, seed " + seed)
                .atMost(DELIVERY_TIMEOUT)
                .until(() -> missing(id, origin).isEmpty());
        await().alias("no extra delivery of the message from node " + origin + ", seed " + seed)
                .during(QUIET)
                .atMost(QUIET_LIMIT)
                .until(() -> deliveredExactlyOnce(id, origin));
        return id;
    }

    /**
     * Broadcasts from node {@code origin} and waits until every other node has delivered it (no
     * quiet period: check exactly-once for many messages at the end with {@link #assertExactlyOnce}).
     *
     * @param origin index of the broadcasting node
     * @param text the payload text
     * @return the message id
     */
    MessageId broadcastAndAwait(int origin, String text) {
        MessageId id = nodes.get(origin).broadcast(text.getBytes(StandardCharsets.UTF_8));
        await().alias("message from node " + origin + " delivered everywhere, seed " + seed)
                .atMost(DELIVERY_TIMEOUT)
                .until(() -> missing(id, origin).isEmpty());
        return id;
    }

    /**
     * Checks, for {@link #QUIET}, that every node has delivered each message exactly once and its
     * origin not at all.
     *
     * @param origins each message's origin index
     */
    void assertExactlyOnce(Map<MessageId, Integer> origins) {
        await().alias("no extra delivery of " + origins.size() + " messages, seed " + seed)
                .during(QUIET)
                .atMost(QUIET_LIMIT)
                .until(() -> origins.entrySet().stream().allMatch(e -> deliveredExactlyOnce(e.getKey(), e.getValue())));
    }

    /**
     * @return the indexes of the nodes other than {@code origin} (and those that left) that have not
     *     delivered {@code id}
     */
    List<Integer> missing(MessageId id, int origin) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (i != origin && !left.contains(i) && count(i, id) == 0) {
                missing.add(i);
            }
        }
        return missing;
    }

    private boolean deliveredExactlyOnce(MessageId id, int origin) {
        for (int i = 0; i < nodes.size(); i++) {
            int expected = i == origin || left.contains(i) ? 0 : 1;
            assertThat(count(i, id))
                    .as("deliveries of %s at node %d (origin %d), seed %d", id, i, origin, seed)
                    .isEqualTo(expected);
        }
        return true;
    }

    /** @return how many times node {@code i} delivered {@code id} */
    int count(int i, MessageId id) {
        AtomicInteger count = deliveries.get(i).get(id);
        return count == null ? 0 : count.get();
    }

    /** @return every node's snapshot */
    List<NodeSnapshot> snapshots() {
        return nodes.stream().map(GossipNode::snapshot).toList();
    }

    @Override
    public void close() {
        nodes.forEach(GossipNode::close);
        timer.shutdownNow();
    }
}
