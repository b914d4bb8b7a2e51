package dev.gossip.testkit;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.OpaqueAddress;
import dev.gossip.spi.Membership;
import dev.gossip.spi.MembershipMessage;
import dev.gossip.spi.MembershipProvider;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * A deterministic in-test network of {@link Membership} nodes: one FIFO queue of (from, to,
 * message) delivered one at a time, a virtual clock, and random sources split from one seed. The
 * same seed and the same calls give the same run, so a failing seed can be replayed.
 *
 * <p>Nodes are named {@code mem:n0}, {@code mem:n1}, ... A node may {@link #leave} (it keeps
 * receiving and ticking, as a node that left but is still bound does) or {@link #crash} (messages
 * to it are lost from then on and it never ticks again). A {@link #filter(Predicate)} drops chosen
 * messages, to cut links or partition the network. Every {@link dev.gossip.ViewChange} a node reports is
 * replayed onto a mirror of its views, which {@link ViewChecks} compares with the views it
 * returns.
 *
 * <p>Not thread-safe: a test drives it from one thread.
 */
public final class MembershipHarness {

    /** Steps {@link #runUntilQuiet()} allows before it declares a livelock. */
    public static final int DEFAULT_MAX_STEPS = 5_000_000;

    /**
     * One message in flight.
     *
     * @param from the sending node
     * @param to the destination
     * @param message the message
     */
    public record Envelope(NodeId from, NodeId to, MembershipMessage message) {}

    private final MembershipProvider provider;
    private final MembershipConfig config;
    private final long seed;
    private final SplittableRandom random;
    private final Map<NodeId, HarnessNode> nodes = new LinkedHashMap<>();
    private final ArrayDeque<Envelope> queue = new ArrayDeque<>();
    private Predicate<Envelope> filter = envelope -> true;
    private Consumer<Envelope> tap = envelope -> {};
    private long now = 1_000_000_000L;
    private long delivered;
    private long filtered;
    private long undeliverable;
    private long rejected;

    /**
     * Creates an empty network.
     *
     * @param provider creates each node's membership
     * @param config the membership settings of every node
     * @param seed the seed of every random choice, the harness's and the nodes'
     */
    public MembershipHarness(MembershipProvider provider, MembershipConfig config, long seed) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.config = Objects.requireNonNull(config, "config");
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** @return the seed this network was created with; put it in assertion messages */
    public long seed() {
        return seed;
    }

    /** @return the membership settings */
    public MembershipConfig config() {
        return config;
    }

    /** @return the harness's own random source (for choosing contacts, leavers, ...) */
    public RandomGenerator random() {
        return random;
    }

    /** @return the virtual time in nanoseconds */
    public long nanoTime() {
        return now;
    }

    /** @return a new node named {@code mem:n<index>}; it has not joined */
    public NodeId addNode() {
        return addNode("n" + nodes.size());
    }

    /**
     * Adds a node.
     *
     * @param name the node's name; its id is {@code mem:name}
     * @return the new node's id
     */
    public NodeId addNode(String name) {
        NodeId id = new NodeId(OpaqueAddress.of("mem", name));
        if (nodes.containsKey(id)) {
            throw new IllegalArgumentException("node exists: " + id);
        }
        HarnessNode node = new HarnessNode(this, id, random.split());
        nodes.put(id, node);
        node.membership = provider.create(config, node);
        return id;
    }

    /**
     * Adds a node and joins it through a uniformly random {@link #members() member}, then runs until
     * quiet. The first node, with nobody to join, is only added (it is the seed).
     *
     * @return the new node's id
     */
    public NodeId addAndJoin() {
        List<NodeId> members = members();
        NodeId id = addNode();
        if (!members.isEmpty()) {
            join(id, members.get(random.nextInt(members.size())));
            runUntilQuiet();
        }
        return id;
    }

    /**
     * Calls {@code join(contact)} on {@code node}; delivers nothing.
     *
     * @param node the joining node
     * @param contact its contact
     */
    public void join(NodeId node, NodeId contact) {
        get(node).membership.join(contact);
    }

    /**
     * Calls {@code leave()} on {@code node}; delivers nothing. The node stays in the network.
     *
     * @param node the leaving node
     */
    public void leave(NodeId node) {
        HarnessNode n = get(node);
        n.departed = true;
        n.membership.leave();
    }

    /**
     * Stops a node without a goodbye: messages to it are lost and it is never ticked again.
     *
     * @param node the node
     */
    public void crash(NodeId node) {
        get(node).crashed = true;
    }

    /** @return the membership of {@code node} */
    public Membership membership(NodeId node) {
        return get(node).membership;
    }

    /** @return every node ever added, in order of creation */
    public List<NodeId> nodes() {
        return List.copyOf(nodes.keySet());
    }

    /** @return the nodes that have neither left nor crashed, in order of creation */
    public List<NodeId> members() {
        List<NodeId> members = new ArrayList<>();
        for (HarnessNode node : nodes.values()) {
            if (!node.departed && !node.crashed) {
                members.add(node.id);
            }
        }
        return members;
    }

    /** @return {@code true} if the node has crashed */
    public boolean isCrashed(NodeId node) {
        return get(node).crashed;
    }

    /**
     * Sets which messages are delivered; the others are dropped and counted as filtered.
     *
     * @param deliver {@code true} for a message to deliver
     */
    public void filter(Predicate<Envelope> deliver) {
        this.filter = Objects.requireNonNull(deliver, "deliver");
    }

    /**
     * Sets an observer of every message sent, called at send time.
     *
     * @param observer the observer
     */
    public void tap(Consumer<Envelope> observer) {
        this.tap = Objects.requireNonNull(observer, "observer");
    }

    /**
     * Enqueues a message as if {@code from} had sent it.
     *
     * @param from the claimed sender
     * @param to the destination
     * @param message the message
     */
    public void inject(NodeId from, NodeId to, MembershipMessage message) {
        queue.add(new Envelope(from, to, message));
    }

    /** @return the number of messages in flight */
    public int inFlight() {
        return queue.size();
    }

    /**
     * Delivers the oldest message in flight, if any.
     *
     * @return {@code false} if nothing was in flight
     */
    public boolean deliverOne() {
        Envelope envelope = queue.poll();
        if (envelope == null) {
            return false;
        }
        HarnessNode target = nodes.get(envelope.to());
        if (target == null || target.crashed) {
            undeliverable++;
        } else if (!filter.test(envelope)) {
            filtered++;
        } else {
            delivered++;
            if (!target.membership.onMessage(envelope.message())) {
                rejected++;
            }
        }
        return true;
    }

    /**
     * Delivers messages until none is in flight.
     *
     * @return the number of messages taken off the queue
     * @throws IllegalStateException after {@link #DEFAULT_MAX_STEPS} messages (a livelock)
     */
    public int runUntilQuiet() {
        int steps = 0;
        while (deliverOne()) {
            if (++steps >= DEFAULT_MAX_STEPS) {
                throw new IllegalStateException("no quiescence after " + steps + " messages, seed=" + seed);
            }
        }
        return steps;
    }

    /**
     * Moves the virtual clock forward; calls nothing.
     *
     * @param duration how far, not negative
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        now += duration.toNanos();
    }

    /** Calls {@code onTick()} on every node that has not crashed; delivers nothing. */
    public void tick() {
        for (HarnessNode node : List.copyOf(nodes.values())) {
            if (!node.crashed) {
                node.membership.onTick();
            }
        }
    }

    /**
     * Repeats {@code advance(step)}, {@link #tick()}, {@link #runUntilQuiet()} until {@code total}
     * has passed.
     *
     * @param total how much virtual time to run
     * @param step the tick interval
     */
    public void runFor(Duration total, Duration step) {
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive, was " + step);
        }
        for (long elapsed = 0; elapsed < total.toNanos(); elapsed += step.toNanos()) {
            advance(step);
            tick();
            runUntilQuiet();
        }
    }

    /** @return messages delivered to a node (accepted or rejected) */
    public long delivered() {
        return delivered;
    }

    /** @return messages dropped by the {@link #filter(Predicate) filter} */
    public long filtered() {
        return filtered;
    }

    /** @return messages to crashed or unknown nodes */
    public long undeliverable() {
        return undeliverable;
    }

    /** @return messages delivered whose {@code onMessage} returned {@code false} */
    public long rejected() {
        return rejected;
    }

    /**
     * Sums one membership counter over every node.
     *
     * @param name the counter's name
     * @return the sum; counters a node lacks count 0
     */
    public long counterSum(String name) {
        long sum = 0;
        for (HarnessNode node : nodes.values()) {
            sum += node.membership.counters().getOrDefault(name, 0L);
        }
        return sum;
    }

    /** @return the sum of partial-view sizes over the {@link #members()} */
    public long totalPartialViewSize() {
        long total = 0;
        for (NodeId id : members()) {
            total += get(id).membership.partialView().size();
        }
        return total;
    }

    /** @return the mean partial-view size over the {@link #members()}; 0 with none */
    public double meanPartialViewSize() {
        int count = members().size();
        return count == 0 ? 0 : totalPartialViewSize() / (double) count;
    }

    /** @return checks of the views of every node (self, duplicates, symmetry, connectivity) */
    public ViewChecks checks() {
        return new ViewChecks(this);
    }

    /** @return the views replayed from {@code node}'s view-change events: [partial view, InView] */
    List<List<NodeId>> mirror(NodeId node) {
        return get(node).mirror();
    }

    /** @return event problems of {@code node}: an ADDED for a member, a REMOVED for a stranger */
    List<String> eventProblems(NodeId node) {
        return get(node).eventProblems();
    }

    private HarnessNode get(NodeId node) {
        HarnessNode n = nodes.get(Objects.requireNonNull(node, "node"));
        if (n == null) {
            throw new IllegalArgumentException("unknown node " + node);
        }
        return n;
    }

    /** Called by a node's context for each message it sends. */
    void send(Envelope envelope) {
        tap.accept(envelope);
        queue.add(envelope);
    }
}
