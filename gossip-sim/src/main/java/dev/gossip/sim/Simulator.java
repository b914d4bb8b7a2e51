package dev.gossip.sim;

import dev.gossip.DisseminationConfig;
import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.ViewChange;
import dev.gossip.spi.Membership;
import dev.gossip.spi.MembershipMessage;
import dev.gossip.spi.MembershipProvider;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A deterministic discrete-event simulation of many nodes, each running a real
 * {@link Membership} (created by the given {@link MembershipProvider}) and the engine's
 * dissemination rule, over a simulated {@link NetworkConfig network} on virtual time.
 *
 * <p>Determinism: one thread, no wall clock; events run in order of virtual time, then of the order
 * they were scheduled; node {@code i}'s random generator is the {@code i}-th split of the master
 * generator seeded with {@link Builder#seed(long)}, and the network (latency, loss, message ids)
 * draws from a generator of its own. The same seed and the same calls give the same run.
 *
 * <p>Dissemination follows the engine. The flood (default): on first receipt a node delivers a
 * message once and forwards it to every partial-view member but the sender; a node remembers the
 * ids it has seen (bounded, like the engine) and counts a later copy as a duplicate. The origin
 * counts as reached. The tree ({@link Builder#dissemination}): each node runs the engine's {@link
 * dev.gossip.core.PushTree}, its announcements, grafts and prunes are datagrams, its timers events.
 *
 * <p>Failures: {@link #crash(int)} silences a node (it neither receives nor ticks; its state is
 * kept, so {@link #recover(int)} brings it back unchanged); {@link #leave(int)} unsubscribes it
 * through its membership, then silences it for good. Datagrams to a silent node are counted and
 * dropped. An exception thrown by a membership is a bug in it and is rethrown, wrapped with the
 * node and the virtual time, rather than hidden.
 *
 * <p>Not thread-safe; nodes are numbered 0, 1, ... in the order they were added.
 */
public final class Simulator implements Overlay.Measured {

    static final byte MEMBERSHIP = 1;
    static final byte GOSSIP = 2;
    static final byte TICK = 3;
    static final byte TASK = 4;
    static final byte CONTROL =
            5; // a tree datagram: aux its kind, aux2 its one broadcast index or -1, or int[] payload
    static final byte WAKE = 6; // a node's tree timers are due

    /** The membership counter of forwarded-subscription copies dropped (SCAMP's name). */
    public static final String DROPPED_COUNTER = "forwardedDropped";
    /**
     * Default {@link Builder#dedupCapacity(int)}: ids remembered per node. Small, because a million
     * nodes each hold a set (about 0.4 KB each at this size, 0.8 KB at 16) and the experiments
     * gossip one message at a time; raise it to keep many messages in flight at once.
     */
    public static final int DEFAULT_DEDUP_CAPACITY = 8;

    private final MembershipProvider provider;
    private final MembershipConfig membershipConfig;
    private long minLatency;
    private long latencySpan;
    private double lossRate;
    private final SplittableRandom nodeSeeds;
    private final SplittableRandom net;
    private final EventQueue queue = new EventQueue();
    private SimNode[] nodes = new SimNode[64];
    private int size;
    private int down;
    private long now;
    private long tickNanos;
    private int tickGeneration;
    private long partialViewTotal;
    private long inViewTotal;
    private long membershipSent;
    private long membershipLost;
    private long membershipToDown;
    private long membershipUnknownDestination;
    private long membershipRejected;
    private long eventsRun;
    private long touched; // what touchAhead read, kept so that the reads are not optimised away
    private final boolean readAhead;
    private final JoinAudit audit = new JoinAudit();
    private final Dissemination dissemination;

    private Simulator(Builder builder) {
        this.provider = builder.provider;
        this.membershipConfig = builder.membershipConfig;
        network(builder.network);
        this.dissemination = builder.dissemination.mode() == DisseminationConfig.Mode.TREE
                ? new TreeDissemination(this, builder.dedupCapacity, builder.dissemination)
                : new FloodDissemination(this, builder.dedupCapacity);
        SplittableRandom master = new SplittableRandom(builder.seed);
        this.net = master.split();
        this.nodeSeeds = master.split();
        this.readAhead = builder.readAhead;
    }

    /**
     * @param provider creates each node's membership
     * @return a builder with seed 0, default membership settings and a lossless network
     */
    public static Builder builder(MembershipProvider provider) {
        return new Builder(provider);
    }

    /**
     * Changes the network from now on (datagrams already sent keep their fate), for instance to
     * build an overlay losslessly and then gossip over a lossy network.
     *
     * @param config latency and loss
     */
    public void network(NetworkConfig config) {
        minLatency = config.minLatency().toNanos();
        latencySpan = config.maxLatency().toNanos() - minLatency;
        lossRate = config.lossRate();
    }

    /**
     * Adds a node, not yet joined; it ticks from now on if ticks are on.
     *
     * @return its index
     */
    @Override
    public int addNode() {
        if (size == nodes.length) {
            nodes = Arrays.copyOf(nodes, size * 2);
        }
        SimNode node = new SimNode(this, size, nodeSeeds.split());
        nodes[size] = node;
        node.membership = Objects.requireNonNull(
                provider.create(membershipConfig, node), () -> provider.name() + " created a null membership");
        if (tickNanos > 0) {
            queue.push(now + net.nextLong(tickNanos), TICK, size, -1, tickGeneration, 0, null);
        }
        return size++;
    }

    /**
     * Makes {@code node} subscribe through {@code contact} (its membership's {@code join}); run the
     * simulation to see the outcome.
     *
     * @param node the joining node
     * @param contact the contact
     */
    @Override
    public void join(int node, int contact) {
        SimNode n = node(node);
        n.membership.join(node(contact).id);
    }

    /**
     * Joins {@code node} through {@code contact} and runs to quiescence, keeping account of what the
     * join did: the basis of the join-invariant checks. Costs two counter maps per node that took
     * part; use {@link #join} and {@link #runUntilQuiescent} where the account is not needed.
     *
     * @param node the joining node
     * @param contact the contact
     * @return the account
     * @throws IllegalStateException if ticks are on
     */
    public JoinOutcome joinAndRun(int node, int contact) {
        int contactView = node(contact).membership.partialView().size();
        long before = partialViewTotal;
        audit.begin();
        long events;
        long dropped;
        try {
            audit.touch(nodes[node]);
            audit.touch(nodes[contact]);
            join(node, contact);
            events = runUntilQuiescent();
        } finally {
            dropped = audit.end(nodes);
        }
        return new JoinOutcome(contactView, partialViewTotal - before, dropped, events);
    }

    /**
     * Unsubscribes {@code node} through its membership's {@code leave}, then silences it for good.
     *
     * @param node the leaving node, up
     */
    public void leave(int node) {
        SimNode n = node(node);
        if (n.state != SimNode.UP) {
            throw new IllegalStateException(n + " is not up");
        }
        n.membership.leave();
        n.state = SimNode.LEFT;
        down++;
    }

    /** @param node the node to silence; it keeps its state (no repair, no notice to anyone) */
    public void crash(int node) {
        SimNode n = node(node);
        if (n.state == SimNode.UP) {
            n.state = SimNode.CRASHED;
            down++;
        }
    }

    /** @param node a crashed node to bring back with the state it had; a departed one stays down */
    public void recover(int node) {
        SimNode n = node(node);
        if (n.state == SimNode.CRASHED) {
            n.state = SimNode.UP;
            down--;
            dissemination.recovered(n);
        }
    }

    /** @param node a node @return whether it is up (neither crashed nor departed) */
    public boolean isUp(int node) {
        return node(node).state == SimNode.UP;
    }

    /** @return the number of nodes up */
    public int upCount() {
        return size - down;
    }

    /**
     * Turns the protocol timer on: every node up gets {@link Membership#onTick()} every
     * {@code interval}, at a phase drawn at random per node.
     *
     * @param interval the tick interval, positive
     */
    public void startTicks(Duration interval) {
        long nanos = interval.toNanos();
        if (nanos <= 0) {
            throw new IllegalArgumentException("tick interval must be positive, was " + interval);
        }
        tickNanos = nanos;
        tickGeneration++;
        for (int i = 0; i < size; i++) {
            queue.push(now + net.nextLong(nanos), TICK, i, -1, tickGeneration, 0, null);
        }
    }

    /** Turns the protocol timer off. */
    public void stopTicks() {
        tickNanos = 0;
        tickGeneration++;
    }

    /**
     * Runs {@code task} at virtual time {@code now + delay}, in order with the other events.
     *
     * @param delay zero or more
     * @param task the task; it may call any method of this simulator
     */
    public void schedule(Duration delay, Runnable task) {
        long nanos = delay.toNanos();
        if (nanos < 0) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        queue.push(now + nanos, TASK, -1, -1, 0, 0, Objects.requireNonNull(task, "task"));
    }

    /**
     * Broadcasts a new message from {@code origin}: it records the id and sends it to every member
     * of its partial view (the flood) or as its tree decides (eager links, announcements to the
     * lazy ones). Run the simulation to spread it.
     *
     * @param origin a node that is up
     * @return the broadcast, updated as the simulation runs
     */
    @Override
    public Broadcast broadcast(int origin) {
        SimNode n = node(origin);
        if (n.state != SimNode.UP) {
            throw new IllegalStateException(n + " is not up");
        }
        return dissemination.broadcast(n, net, now);
    }

    /**
     * Runs events until none is left. With ticks on there is always one left, so this refuses.
     *
     * @return the number of events run
     * @throws IllegalStateException if ticks are on
     */
    @Override
    public long runUntilQuiescent() {
        if (tickNanos > 0) {
            throw new IllegalStateException("ticks are on: the simulation never runs out of events");
        }
        long before = eventsRun;
        while (!queue.isEmpty()) {
            step();
        }
        return eventsRun - before;
    }

    /**
     * Runs every event up to virtual time {@code now + duration}, then sets the clock there.
     *
     * @param duration zero or more
     * @return the number of events run
     */
    public long runFor(Duration duration) {
        long end = now + duration.toNanos();
        long before = eventsRun;
        while (!queue.isEmpty() && queue.peekTime() <= end) {
            step();
        }
        now = Math.max(now, end);
        return eventsRun - before;
    }

    /**
     * Reads ahead, without changing anything, the state of the nodes the next few events go to,
     * one level of pointers further for each event closer to the head: the node at distance 4,
     * its membership and views at 3, the partial view's arrays at 2, the InView's at 1. Each
     * event's first touches of its node are cache misses (the nodes are scattered over a large
     * heap), and a miss waits for the one before it; issued this way, a step's reads go to four
     * different nodes, which the memory system serves at once. Events run exactly as before: only
     * the order in which cache lines arrive changes.
     */
    private void touchAhead() {
        int size = this.size;
        long sum = 0;
        int t = queue.fifoTarget(4);
        if (t >= 0 && t < size) {
            sum += nodes[t].state;
        }
        t = queue.fifoTarget(3);
        if (t >= 0 && t < size) {
            sum += nodes[t].membership.partialView().size();
        }
        t = queue.fifoTarget(2);
        if (t >= 0 && t < size) {
            List<NodeId> view = nodes[t].membership.partialView();
            sum += view.isEmpty() || view.get(view.size() - 1) == null ? 0 : 1;
            sum += nodes[t].membership.inView().size();
        }
        t = queue.fifoTarget(1);
        if (t >= 0 && t < size) {
            List<NodeId> view = nodes[t].membership.inView();
            sum += view.isEmpty() || view.get(view.size() - 1) == null ? 0 : 1;
        }
        touched += sum;
    }

    private void step() {
        if (readAhead) {
            touchAhead();
        }
        queue.pop();
        now = queue.currentTime;
        eventsRun++;
        int target = queue.currentTarget;
        switch (queue.currentKind) {
            case MEMBERSHIP ->
                deliverMembership(nodes[target], (MembershipMessage) Objects.requireNonNull(queue.currentPayload));
            case GOSSIP ->
                dissemination.deliver(nodes[target], queue.currentSource, queue.currentAux, queue.currentAux2, now);
            case TICK -> tick(nodes[target], queue.currentAux);
            case TASK -> ((Runnable) Objects.requireNonNull(queue.currentPayload)).run();
            case CONTROL ->
                dissemination.control(
                        nodes[target],
                        queue.currentSource,
                        queue.currentAux,
                        queue.currentAux2,
                        (int[]) queue.currentPayload,
                        now);
            case WAKE -> dissemination.wake(nodes[target], now);
            default -> throw new AssertionError("unknown event kind " + queue.currentKind);
        }
    }

    private void deliverMembership(SimNode to, MembershipMessage message) {
        if (to.state != SimNode.UP) {
            membershipToDown++;
            return;
        }
        if (audit.active()) {
            audit.touch(to);
        }
        boolean accepted;
        try {
            accepted = to.membership.onMessage(message);
        } catch (RuntimeException e) {
            throw failure(to, "onMessage(" + message + ")", e);
        }
        if (!accepted) {
            membershipRejected++;
        }
    }

    private void tick(SimNode node, int generation) {
        if (generation != tickGeneration || node.state == SimNode.LEFT) {
            return;
        }
        if (node.state == SimNode.UP) {
            try {
                node.membership.onTick();
            } catch (RuntimeException e) {
                throw failure(node, "onTick()", e);
            }
        }
        queue.push(now + tickNanos, TICK, node.index, -1, generation, 0, null);
    }

    /**
     * Sends one gossip datagram through the simulated network.
     *
     * @return {@code false} if it was lost (or addressed to no node)
     */
    boolean sendGossip(int from, int to, int broadcastIndex, int hops) {
        if (to < 0 || to >= size || lossRate > 0 && net.nextDouble() < lossRate) {
            return false;
        }
        queue.push(now + latency(), GOSSIP, to, from, broadcastIndex, hops, null);
        return true;
    }

    /** Sends one tree control datagram; {@code false} if lost (or addressed to no node). */
    boolean sendControl(int from, int to, int kind, int single, int @Nullable [] indices) {
        if (to < 0 || to >= size || lossRate > 0 && net.nextDouble() < lossRate) {
            return false;
        }
        queue.push(now + latency(), CONTROL, to, from, kind, single, indices);
        return true;
    }

    /** Wakes {@code node}'s tree timers at {@code at} (not before now). */
    void scheduleWake(int node, long at) {
        queue.push(Math.max(at, now), WAKE, node, -1, 0, 0, null);
    }

    void sendMembership(SimNode from, NodeId to, MembershipMessage message) {
        membershipSent++;
        int index = NodeIds.indexOf(to);
        if (index < 0 || index >= size) {
            membershipUnknownDestination++;
        } else if (lossRate > 0 && net.nextDouble() < lossRate) {
            membershipLost++;
        } else {
            queue.push(now + latency(), MEMBERSHIP, index, from.index, 0, 0, message);
        }
    }

    void viewChanged(SimNode node, ViewChange change) {
        dissemination.viewChanged(node, change);
        int delta = change.kind() == ViewChange.Kind.ADDED ? 1 : -1;
        if (change.view() == ViewChange.View.PARTIAL_VIEW) {
            partialViewTotal += delta;
        } else {
            inViewTotal += delta;
        }
    }

    private long latency() {
        return latencySpan == 0 ? minLatency : minLatency + net.nextLong(latencySpan + 1);
    }

    private IllegalStateException failure(SimNode node, String call, RuntimeException e) {
        return new IllegalStateException(
                provider.name() + " membership of " + node + " threw in " + call + " at virtual time " + now + " ns",
                e);
    }

    private SimNode node(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("no node " + index + " (" + size + " nodes)");
        }
        return nodes[index];
    }

    long nanoTime() {
        return now;
    }

    SimNode nodeAt(int index) { // unchecked
        return nodes[index];
    }

    /** @param node a node @param b a broadcast @return whether it got (or sent) b, as its dedup set recalls */
    public boolean received(int node, Broadcast b) {
        SimNode n = node(node);
        return n.seen != null && n.seen.contains(b.id().high(), b.id().low());
    }

    /**
     * @return the dissemination's counters: none for the flood; for the tree, the {@link
     *     dev.gossip.core.PushTree} counters summed over the nodes that have one ({@code tree.nodes})
     *     and the simulator's {@code tree.graftUnavailable}, {@code tree.controlLost}, {@code
     *     tree.controlToDown}, {@code tree.controlRefused}, {@code tree.wakeUps} and {@code
     *     tree.wakeUpsSkipped} (replaced by an earlier wake-up). Costs one map per tree.
     */
    public Map<String, Long> disseminationCounters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        dissemination.addCounters(counters);
        return counters;
    }

    /** @return virtual time in nanoseconds since the simulation began */
    public long now() {
        return now;
    }

    /** @return the number of nodes added */
    @Override
    public int size() {
        return size;
    }

    /** @param node a node @return its id ({@code sim:<index>}) */
    public NodeId id(int node) {
        return node(node).id;
    }

    /** @param id a node id @return the node's index, or -1 if it is not a node of this simulation */
    public int indexOf(NodeId id) {
        int index = NodeIds.indexOf(id);
        return index < size ? index : -1;
    }

    /** @param node a node @return its membership (read it between runs, never keep it across one) */
    public Membership membership(int node) {
        return node(node).membership;
    }

    /** @return the membership settings every node runs with */
    public MembershipConfig membershipConfig() {
        return membershipConfig;
    }

    /** @return the sum of partial-view sizes over all nodes, kept from the memberships' view changes */
    @Override
    public long partialViewTotal() {
        return partialViewTotal;
    }

    /** @return the sum of InView sizes over all nodes, kept from the memberships' view changes */
    public long inViewTotal() {
        return inViewTotal;
    }

    /**
     * Sums one counter of {@link Membership#counters()} over every node (a missing counter counts
     * 0); costs one map per node.
     *
     * @param name the counter, such as {@code forwardedDropped}
     * @return the sum
     */
    @Override
    public long counter(String name) {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += nodes[i].membership.counters().getOrDefault(name, 0L);
        }
        return sum;
    }

    /** @return membership messages sent, whatever became of them */
    public long membershipMessagesSent() {
        return membershipSent;
    }

    /** @return membership messages the network lost */
    public long membershipMessagesLost() {
        return membershipLost;
    }

    /** @return membership messages that reached a crashed or departed node */
    public long membershipMessagesToDownNodes() {
        return membershipToDown;
    }

    /** @return membership messages addressed to an id that is not a node of this simulation */
    public long membershipMessagesUnknownDestination() {
        return membershipUnknownDestination;
    }

    /** @return membership messages a membership rejected ({@code onMessage} returned false) */
    public long membershipMessagesRejected() {
        return membershipRejected;
    }

    /** @return the events run so far */
    @Override
    public long eventsRun() {
        return eventsRun;
    }

    /** @return the events waiting */
    public int pendingEvents() {
        return queue.size();
    }

    /** Builds a {@link Simulator}; every setter returns {@code this}. Not thread-safe. */
    public static final class Builder {
        private final MembershipProvider provider;
        private long seed;
        private MembershipConfig membershipConfig = MembershipConfig.defaults();
        private NetworkConfig network = NetworkConfig.lossless();
        private int dedupCapacity = DEFAULT_DEDUP_CAPACITY;
        private DisseminationConfig dissemination = DisseminationConfig.flood();
        private boolean readAhead = true;

        private Builder(MembershipProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
        }

        /** @param seed the master seed every random draw derives from @return this */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param config every node's membership settings @return this */
        public Builder membershipConfig(MembershipConfig config) {
            this.membershipConfig = Objects.requireNonNull(config, "membershipConfig");
            return this;
        }

        /** @param config latency and loss @return this */
        public Builder network(NetworkConfig config) {
            this.network = Objects.requireNonNull(config, "network");
            return this;
        }

        /**
         * @param capacity how many message ids each node remembers, 1 to 2^26; default
         *     {@value Simulator#DEFAULT_DEDUP_CAPACITY}
         * @return this
         */
        public Builder dedupCapacity(int capacity) {
            if (capacity < 1 || capacity > 1 << 26) {
                throw new IllegalArgumentException("dedupCapacity must be in 1.." + (1 << 26) + ", was " + capacity);
            }
            this.dedupCapacity = capacity;
            return this;
        }

        /**
         * How broadcasts spread. {@link DisseminationConfig.Mode#FLOOD} (default) is the paper's
         * flood; {@link DisseminationConfig.Mode#TREE} runs the engine's {@link dev.gossip.core.PushTree}
         * per node with this config's {@code announceInterval} and {@code graftTimeout}, fired at
         * their deadlines (the engine fires them on its next tick). Its {@code linger} is ignored (no
         * frame is bundled: each is a datagram), and grafts are answered from the node's last
         * {@link #dedupCapacity(int)} receipts rather than from {@code historyCapacity} payloads, the
         * same while broadcasts run one at a time.
         *
         * @param config the mode and, for the tree, its timers
         * @return this
         */
        public Builder dissemination(DisseminationConfig config) {
            this.dissemination = Objects.requireNonNull(config, "dissemination");
            return this;
        }

        /**
         * Whether the simulator reads the state of the next events' nodes ahead ({@code true}, the
         * default); off only to measure what that buys. Runs are the same either way.
         */
        Builder readAhead(boolean on) {
            this.readAhead = on;
            return this;
        }

        /** @return a simulator with no node */
        public Simulator build() {
            return new Simulator(this);
        }
    }
}
