package dev.gossip.it;

import static org.awaitility.Awaitility.await;

import dev.gossip.Address;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.MessageId;
import dev.gossip.NodeId;
import dev.gossip.OpaqueAddress;
import dev.gossip.TransportConfig;
import dev.gossip.core.Gossip;
import dev.gossip.transport.inmem.InMemoryNetwork;
import dev.gossip.transport.inmem.InMemoryTransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many nodes on one private {@link InMemoryNetwork}, for the fault scenarios: node {@code i} is
 * {@code mem:n<i>} and joins through a random earlier node; every first delivery is counted per
 * message and per node. The network's fault plan, crashes and partitions apply to every datagram,
 * membership traffic included. Seeded; every failure message should name {@link #seed()}.
 */
final class SimCluster implements AutoCloseable {

    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

    private final long seed;
    private final GossipConfig config;
    private final SplittableRandom seeds;
    /** Queues of a million datagrams: the harness, not the protocol, must never be the bottleneck. */
    private final InMemoryNetwork network =
            InMemoryNetwork.builder().dispatchers(2).queueCapacity(1 << 20).build();

    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "sim-timer");
        t.setDaemon(true);
        return t;
    });
    private final List<GossipNode> nodes = new ArrayList<>();
    private final List<Set<MessageId>> delivered = new ArrayList<>();
    private final Map<MessageId, AtomicInteger> reach = new ConcurrentHashMap<>();
    private final AtomicLong deliveries = new AtomicLong();
    /** Nodes crashed or closed: not expected to deliver. */
    private final Set<Integer> gone = ConcurrentHashMap.newKeySet();

    private int nextName;
    /** Whether deliveries are recorded per message and node (off for soaks: the records would grow). */
    private final boolean track;

    private SimCluster(long seed, GossipConfig config, boolean track) {
        this.seed = seed;
        this.config = config;
        this.track = track;
        this.seeds = new SplittableRandom(seed);
    }

    /**
     * Starts {@code size} nodes and joins each through a random node started before its batch
     * (the first ten one by one, then batches of 50 joining concurrently), without faults.
     *
     * @return the joined cluster
     */
    static SimCluster start(int size, GossipConfig config, long seed) {
        return start(size, config, seed, true);
    }

    /**
     * As {@link #start(int, GossipConfig, long)}; with {@code track} off only the number of
     * deliveries is kept, so the harness itself does not grow with the messages sent.
     */
    static SimCluster start(int size, GossipConfig config, long seed, boolean track) {
        SimCluster cluster = new SimCluster(seed, config, track);
        try {
            while (cluster.size() < size) {
                int batch = cluster.size() < 10 ? 1 : Math.min(50, size - cluster.size());
                int joined = cluster.size();
                List<CompletableFuture<Void>> joins = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    joins.add(cluster.startNode(joined));
                }
                CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new))
                        .get(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            return cluster;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            cluster.close();
            throw new IllegalStateException("joining failed, seed " + seed, e);
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** Starts one more node and joins it through a random node still present; @return its index. */
    int addNode() {
        int index = nodes.size();
        startNode(index).join();
        return index;
    }

    /** Starts a node; it joins through a random present node below {@code contacts}, if any. */
    private CompletableFuture<Void> startNode(int contacts) {
        int index = nodes.size();
        GossipConfig nodeConfig = config.toBuilder()
                .transport(TransportConfig.builder()
                        .bind(OpaqueAddress.of("mem", "n" + nextName++))
                        .build())
                .build();
        GossipNode node = Gossip.builder(nodeConfig)
                .transport(new InMemoryTransportProvider(network))
                .random(new SplittableRandom(seeds.nextLong()))
                .scheduler(timer)
                .build();
        Set<MessageId> mine = ConcurrentHashMap.newKeySet();
        node.addMessageListener(d -> {
            if (track && mine.add(d.id())) {
                reach.computeIfAbsent(d.id(), id -> new AtomicInteger()).incrementAndGet();
            }
            deliveries.incrementAndGet();
        });
        nodes.add(node);
        delivered.add(mine);
        node.start();
        List<Integer> candidates =
                present().stream().filter(i -> i < contacts && i != index).toList();
        if (candidates.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        int contact = candidates.get(seeds.nextInt(candidates.size()));
        return node.joinAsync(List.of(nodes.get(contact).id().address()), JOIN_TIMEOUT);
    }

    long seed() {
        return seed;
    }

    InMemoryNetwork network() {
        return network;
    }

    int size() {
        return nodes.size();
    }

    GossipNode node(int i) {
        return nodes.get(i);
    }

    Address address(int i) {
        return nodes.get(i).id().address();
    }

    /** @return the indexes of the nodes neither crashed nor closed */
    List<Integer> present() {
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!gone.contains(i)) {
                present.add(i);
            }
        }
        return present;
    }

    /** @return the addresses of the nodes neither crashed nor closed */
    Set<NodeId> presentIds() {
        Set<NodeId> ids = new HashSet<>();
        for (int i : present()) {
            ids.add(nodes.get(i).id());
        }
        return ids;
    }

    /** Cuts node {@code i} off the network for good (it runs on, unheard). */
    void crash(int i) {
        gone.add(i);
        network.crash(address(i));
    }

    /** Closes node {@code i} without leaving, an abrupt stop, and forgets it. */
    void stop(int i) {
        gone.add(i);
        nodes.get(i).close();
        nodes.set(i, null);
        delivered.set(i, Set.of());
    }

    /**
     * @param counter a {@link dev.gossip.NodeSnapshot#membershipCounters()} name ({@code tree.graftsSent})
     * @return its sum over the present nodes, 0 where a node lacks it
     */
    long sumCounter(String counter) {
        long sum = 0;
        for (int i : present()) {
            sum += nodes.get(i).snapshot().membershipCounters().getOrDefault(counter, 0L);
        }
        return sum;
    }

    /** @return a random present node's index */
    int randomPresent(SplittableRandom random) {
        List<Integer> present = present();
        return present.get(random.nextInt(present.size()));
    }

    MessageId broadcast(int origin, byte[] payload) {
        MessageId id = nodes.get(origin).broadcast(payload);
        if (track) {
            reach.computeIfAbsent(id, x -> new AtomicInteger());
        }
        return id;
    }

    /** @return how many nodes (other than the origin) delivered {@code id} */
    int reach(MessageId id) {
        AtomicInteger count = reach.get(id);
        return count == null ? 0 : count.get();
    }

    /** @return how many of {@code among} delivered {@code id} */
    int reachAmong(MessageId id, Collection<Integer> among) {
        int n = 0;
        for (int i : among) {
            if (delivered.get(i).contains(id)) {
                n++;
            }
        }
        return n;
    }

    /** @return every delivery, duplicates included (there should be none) */
    long deliveries() {
        return deliveries.get();
    }

    /** @return the sum of the per-message reaches: first deliveries */
    long firstDeliveries() {
        return reach.values().stream().mapToLong(AtomicInteger::get).sum();
    }

    /** Waits until fewer than {@code datagrams} are queued, so broadcasts do not overrun the queues. */
    void awaitBacklogBelow(int datagrams) {
        await().alias("backlog below " + datagrams + ", seed " + seed)
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> network.stats().inFlight() < datagrams);
    }

    /** @return datagrams the network refused because a queue was full (must stay 0 for a fair figure) */
    long queueFull() {
        return network.stats().dropped(dev.gossip.transport.inmem.DropCause.QUEUE_FULL);
    }

    /**
     * Waits until no gossip delivery arrived for {@code quiet}, whatever membership traffic is still
     * queued: with leases the membership never falls silent (every node renews every lease), so
     * {@link #awaitQuiet} would never return.
     */
    void awaitDeliveriesSettled(Duration quiet, Duration atMost) {
        long[] last = {-1};
        long[] since = {System.nanoTime()};
        await().alias("no delivery for " + quiet + ", seed " + seed)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    long now = deliveries.get();
                    if (now != last[0]) {
                        last[0] = now;
                        since[0] = System.nanoTime();
                        return false;
                    }
                    return System.nanoTime() - since[0] >= quiet.toNanos();
                });
    }

    /** @return datagrams queued in the network now */
    long inFlight() {
        return network.stats().inFlight();
    }

    /** Waits until nothing is queued in the network and no delivery arrived for {@code quiet}. */
    void awaitQuiet(Duration quiet, Duration atMost) {
        long[] last = {-1};
        long[] since = {System.nanoTime()};
        await().alias("network quiet, seed " + seed)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    long now = deliveries.get();
                    if (now != last[0] || network.stats().inFlight() > 0) {
                        last[0] = now;
                        since[0] = System.nanoTime();
                        return false;
                    }
                    return System.nanoTime() - since[0] >= quiet.toNanos();
                });
    }

    @Override
    public void close() {
        nodes.stream().filter(java.util.Objects::nonNull).forEach(GossipNode::close);
        network.close();
        timer.shutdownNow();
    }
}
