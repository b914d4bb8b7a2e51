package dev.gossip.scamp;

import dev.gossip.MembershipConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * SCAMP's subscription for many nodes in one object: nodes are numbered 0, 1, ... and both views
 * of every node are runs of {@code int}s in one shared array, so that a simulator of a million
 * nodes touches no per-node object when it delivers a message. It is the form of {@link
 * ScampMembership} that such a simulator drives; the rules are the same ones, in the same order,
 * drawing the same numbers from the node's generator: {@link Subscriptions#decide} is shared, and
 * {@code IndexedScampTest} checks that both forms grow identical views (order included) from the
 * same joins and the same generators.
 *
 * <p>What it covers: a node's first {@link #join} (and later ones, as direct subscriptions), the
 * contact's part, forwarded copies with the loop guard, and the keeper's notice: the messages
 * {@link ScampMessageTypes#SUBSCRIBE}, {@link ScampMessageTypes#FORWARDED_SUBSCRIPTION} and {@link
 * ScampMessageTypes#KEPT}. What it leaves out, because it has no timer and no departure: heartbeats
 * and isolation, leases, unsubscription, and indirection (the config must have {@code
 * indirectionWalk} 0); the times {@link NodeSet} keeps beside each member serve those only. Any
 * other message type is rejected and counted, like an unknown one by {@link ScampMembership}.
 *
 * <p>Layout: four {@code long}s a node, 32 bytes, in one cache line: the node's generator (a
 * {@link SplitMix} state, which gives {@code SplittableRandom}'s numbers), where its PV starts in
 * the shared array of views and its size, the same for its InView. Each view is a run of node
 * numbers whose capacity is the next power of two of its size (at least {@value #MIN_CAPACITY}). A
 * run that is full moves to a free run with twice the room, or to the end of the shared array; the
 * run it leaves is reused by the next view that needs one of that size. Views hold about {@code
 * (c+1)·ln n} nodes, so a node's PV is one or two cache lines: a message touches two or three lines
 * of node state, where the object form touches about a dozen objects (the node, its membership and
 * parts, the view arrays, the id and address of each node compared).
 *
 * <p>Not thread-safe. The {@link Sender} must not call back into this object: it queues.
 */
public final class IndexedScamp {

    /** Where a node's messages go; a simulator turns each into a delivery event. */
    @FunctionalInterface
    public interface Sender {
        /**
         * @param from the sending node
         * @param to the receiving node
         * @param type a {@link ScampMessageTypes} type
         * @param subject the node the message is about
         * @param counter the hop count of a forwarded copy, the mode of a subscription, else 0
         */
        void send(int from, int to, int type, int subject, int counter);
    }

    static final int MIN_CAPACITY = 4;
    private static final int STRIDE = 4;
    /** Fields of {@link #field}: PV start, PV size, InView start, InView size. */
    private static final int PV_AT = 0;

    private static final int PV_SIZE = 1;
    private static final int IN_AT = 2;
    private static final int IN_SIZE = 3;
    /** Size classes: runs of 4, 8, ..., 2^30. */
    private static final int CLASSES = 31;

    private final int c;
    private final int forwardHopFactor;
    private final Sender sender;
    /**
     * Per node, four longs, 32 bytes, in one cache line: its generator's seed and gamma, then
     * where its PV starts in {@link #slab} (high 32 bits) and its size (low), the same for its
     * InView. The array doubles as the nodes' generators.
     */
    private final SplitMix.Array randoms = new SplitMix.Array(STRIDE);

    private boolean[] subscribed = new boolean[64];
    private int[] slab = new int[1 << 12];
    private int slabTop;
    /** Per size class, the first free run (its first int links to the next), or -1. */
    private final int[] free = new int[CLASSES];

    private int size;
    private long partialViewTotal;
    private long inViewTotal;
    private long subscriptionsReceived;
    private long subscriptionsKept;
    private long forwardedSubscriptions;
    private long forwardedReceived;
    private long forwardedDropped;
    private long rejected;

    /**
     * @param config protocol settings; its {@code indirectionWalk} must be 0
     * @param sender where messages go
     * @throws IllegalArgumentException if indirection is on
     */
    public IndexedScamp(MembershipConfig config, Sender sender) {
        Objects.requireNonNull(config, "config");
        if (config.indirectionWalk() != 0) {
            throw new IllegalArgumentException(
                    "IndexedScamp runs no indirection: indirectionWalk must be 0, was " + config.indirectionWalk());
        }
        this.c = config.c();
        this.forwardHopFactor = config.forwardHopFactor();
        this.sender = Objects.requireNonNull(sender, "sender");
        Arrays.fill(free, -1);
    }

    /**
     * Adds a node with empty views, not yet joined (it can already act as a contact).
     *
     * @param random the node's generator, as its {@link dev.gossip.spi.MembershipContext#random()}:
     *     its state is copied (the node goes on from there; {@code random} is not used again)
     * @return its number
     */
    public int addNode(SplitMix random) {
        Objects.requireNonNull(random, "random");
        if (size == subscribed.length) {
            int capacity = size * 2;
            subscribed = Arrays.copyOf(subscribed, capacity);
        }
        randoms.set(size, random);
        return size++;
    }

    /** @return the number of nodes */
    public int size() {
        return size;
    }

    /**
     * As {@link ScampMembership#join}: puts {@code contact} in the PV and sends it a subscription,
     * a first one on the node's first join and a direct one after.
     *
     * @throws IllegalArgumentException if {@code contact} is {@code node} or not a node
     */
    public void join(int node, int contact) {
        checkNode(node);
        checkNode(contact);
        if (node == contact) {
            throw new IllegalArgumentException("cannot join through this node itself: " + node);
        }
        int mode = subscribed[node] ? ScampMessageTypes.SUBSCRIBE_DIRECT : ScampMessageTypes.SUBSCRIBE_JOIN;
        subscribed[node] = true;
        addPartial(node, contact);
        sender.send(node, contact, ScampMessageTypes.SUBSCRIBE, node, mode);
    }

    /**
     * As {@link ScampMembership#onMessage}: node {@code to} handles a message.
     *
     * @param subject the node it is about, or -1
     * @return {@code false} if it was rejected (and counted): a sender equal to {@code to}, a
     *     subject that makes no sense for the type, or a type this form does not run
     */
    public boolean onMessage(int to, int type, int from, int subject, int counter) {
        boolean handled = from != to
                && from >= 0
                && from < size
                && switch (type) {
                    case ScampMessageTypes.SUBSCRIBE -> onSubscribe(to, from, subject, counter);
                    case ScampMessageTypes.FORWARDED_SUBSCRIPTION -> onForwarded(to, subject, counter);
                    case ScampMessageTypes.KEPT -> subject == to && onKept(to, from);
                    default -> false;
                };
        if (!handled) {
            rejected++;
        }
        return handled;
    }

    private boolean onSubscribe(int contact, int subscriber, int subject, int mode) {
        if (subscriber != subject) {
            return false;
        }
        subscriptionsReceived++;
        addIn(contact, subscriber);
        actAsContact(contact, subscriber);
        if (mode == ScampMessageTypes.SUBSCRIBE_DIRECT
                && !contains(field(contact, PV_AT), field(contact, PV_SIZE), subscriber)
                && field(contact, PV_SIZE) < Views.MAX_VIEW_SIZE) {
            keep(contact, subscriber);
        }
        return true;
    }

    /** As {@link Subscriptions#actAsContact}: a copy to every PV member and {@code c} to random ones. */
    private void actAsContact(int contact, int subscriber) {
        int pvSize = field(contact, PV_SIZE);
        if (pvSize == 0) {
            keep(contact, subscriber);
            return;
        }
        int at = field(contact, PV_AT);
        int[] members = Arrays.copyOfRange(slab, at, at + pvSize); // as the object form: the PV as it was
        for (int member : members) {
            sender.send(contact, member, ScampMessageTypes.FORWARDED_SUBSCRIPTION, subscriber, 0);
        }
        RandomGenerator random = randoms.at(contact);
        for (int i = 0; i < c; i++) {
            sender.send(
                    contact, members[random.nextInt(pvSize)], ScampMessageTypes.FORWARDED_SUBSCRIPTION, subscriber, 0);
        }
        forwardedSubscriptions += pvSize + c;
    }

    private boolean onForwarded(int node, int subscriber, int hops) {
        if (subscriber < 0 || subscriber >= size) {
            return false;
        }
        forwardedReceived++;
        int at = field(node, PV_AT);
        int pvSize = field(node, PV_SIZE);
        boolean keepable = subscriber != node && !contains(at, pvSize, subscriber) && pvSize < Views.MAX_VIEW_SIZE;
        RandomGenerator random = randoms.at(node);
        switch (Subscriptions.decide(keepable, pvSize, field(node, IN_SIZE), hops, forwardHopFactor, random)) {
            case Subscriptions.KEEP -> keep(node, subscriber);
            case Subscriptions.DROP -> forwardedDropped++;
            default -> {
                sender.send(
                        node,
                        slab[at + random.nextInt(pvSize)],
                        ScampMessageTypes.FORWARDED_SUBSCRIPTION,
                        subscriber,
                        hops + 1);
                forwardedSubscriptions++;
            }
        }
        return true;
    }

    private boolean onKept(int subscriber, int keeper) {
        addIn(subscriber, keeper);
        return true;
    }

    private void keep(int node, int subscriber) {
        addPartial(node, subscriber);
        sender.send(node, subscriber, ScampMessageTypes.KEPT, subscriber, 0);
        subscriptionsKept++;
    }

    private void addPartial(int node, int member) {
        if (add(node, PV_AT, PV_SIZE, member)) {
            partialViewTotal++;
        }
    }

    private void addIn(int node, int member) {
        if (add(node, IN_AT, IN_SIZE, member)) {
            inViewTotal++;
        }
    }

    /** As {@code Views.add}: never this node, never a duplicate, at most {@link Views#MAX_VIEW_SIZE}. */
    private boolean add(int node, int atField, int sizeField, int member) {
        int at = field(node, atField);
        int n = field(node, sizeField);
        if (member == node || n >= Views.MAX_VIEW_SIZE || contains(at, n, member)) {
            return false;
        }
        if (n == 0 || n == capacity(n) && n >= MIN_CAPACITY) {
            int moved = allocate(n == 0 ? MIN_CAPACITY : 2 * n);
            if (n > 0) {
                System.arraycopy(slab, at, slab, moved, n);
                release(at, n);
            }
            at = moved;
            field(node, atField, at);
        }
        slab[at + n] = member;
        field(node, sizeField, n + 1);
        return true;
    }

    /** @return field {@code f} ({@link #PV_AT} ... {@link #IN_SIZE}) of {@code node} */
    private int field(int node, int f) {
        long v = randoms.state[randoms.index(node) + 2 + (f >> 1)];
        return (f & 1) == 0 ? (int) (v >>> 32) : (int) v;
    }

    private void field(int node, int f, int value) {
        int i = randoms.index(node) + 2 + (f >> 1);
        long v = randoms.state[i];
        randoms.state[i] = (f & 1) == 0
                ? (long) value << 32 | (v & 0xffff_ffffL)
                : (v & 0xffff_ffff_0000_0000L) | (value & 0xffff_ffffL);
    }

    /** @return the capacity of a run holding {@code n > 0} members: the next power of two, at least 4 */
    static int capacity(int n) {
        return n <= MIN_CAPACITY ? MIN_CAPACITY : Integer.highestOneBit(n - 1) << 1;
    }

    private int allocate(int capacity) {
        int sizeClass = Integer.numberOfTrailingZeros(capacity);
        int run = free[sizeClass];
        if (run >= 0) {
            free[sizeClass] = slab[run];
            return run;
        }
        if (slabTop > slab.length - capacity) {
            long grown = Math.max((long) slab.length * 2, (long) slabTop + capacity);
            if (grown > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("views need more than 2^31 entries");
            }
            slab = Arrays.copyOf(slab, (int) grown);
        }
        run = slabTop;
        slabTop += capacity;
        return run;
    }

    private void release(int run, int n) {
        int sizeClass = Integer.numberOfTrailingZeros(capacity(n));
        slab[run] = free[sizeClass];
        free[sizeClass] = run;
    }

    private boolean contains(int at, int n, int member) {
        int[] s = slab;
        for (int i = at, end = at + n; i < end; i++) {
            if (s[i] == member) {
                return true;
            }
        }
        return false;
    }

    private void checkNode(int node) {
        if (node < 0 || node >= size) {
            throw new IllegalArgumentException("no node " + node + " (" + size + " nodes)");
        }
    }

    /** @return the size of {@code node}'s partial view */
    public int partialViewSize(int node) {
        checkNode(node);
        return field(node, PV_SIZE);
    }

    /** @return member {@code i} of {@code node}'s partial view, in {@link ScampMembership#partialView()}'s order */
    public int partialViewMember(int node, int i) {
        checkNode(node);
        if (i < 0 || i >= field(node, PV_SIZE)) {
            throw new IndexOutOfBoundsException("position " + i + " of " + field(node, PV_SIZE));
        }
        return slab[field(node, PV_AT) + i];
    }

    /** @return a copy of {@code node}'s partial view */
    public int[] partialView(int node) {
        checkNode(node);
        int at = field(node, PV_AT);
        return Arrays.copyOfRange(slab, at, at + field(node, PV_SIZE));
    }

    /** @return a copy of {@code node}'s InView */
    public int[] inView(int node) {
        checkNode(node);
        int at = field(node, IN_AT);
        return Arrays.copyOfRange(slab, at, at + field(node, IN_SIZE));
    }

    /**
     * Copies {@code node}'s partial view into {@code into} without checks: for a simulator's inner
     * loop, which knows the node exists.
     *
     * @return the number of members copied; {@code into} must hold at least {@link #partialViewSize}
     */
    public int copyPartialView(int node, int[] into) {
        int n = field(node, PV_SIZE);
        System.arraycopy(slab, field(node, PV_AT), into, 0, n);
        return n;
    }

    /** @return the sum of the partial views' sizes */
    public long partialViewTotal() {
        return partialViewTotal;
    }

    /** @return the sum of the InViews' sizes */
    public long inViewTotal() {
        return inViewTotal;
    }

    /**
     * @return the counters of {@link ScampMembership#counters()} this form keeps, summed over the
     *     nodes: {@code subscriptionsReceived}, {@code subscriptionsKept}, {@code
     *     forwardedSubscriptions}, {@code forwardedReceived}, {@code forwardedDropped}, {@code
     *     rejected}
     */
    public Map<String, Long> counters() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("subscriptionsReceived", subscriptionsReceived);
        map.put("subscriptionsKept", subscriptionsKept);
        map.put("forwardedSubscriptions", forwardedSubscriptions);
        map.put("forwardedReceived", forwardedReceived);
        map.put("forwardedDropped", forwardedDropped);
        map.put("rejected", rejected);
        return map;
    }

    /**
     * Reads, without changing anything, the per-node numbers of {@code node} (where its views are
     * and how large): a simulator calls it for a node an event soon goes to, so that the cache miss
     * overlaps with the work before it.
     *
     * @return a value to keep, so that the read is not optimised away
     */
    public long touch(int node) {
        return randoms.state[randoms.index(node) + 2];
    }

    /**
     * Reads, without changing anything, the first and the last entry of {@code node}'s partial view
     * (a PV of 20 to 30 nodes spans two cache lines); see {@link #touch}.
     */
    public int touchPartialView(int node) {
        int at = field(node, PV_AT);
        return slab[at] + slab[at + Math.max(0, field(node, PV_SIZE) - 1)];
    }

    @Override
    public String toString() {
        return "IndexedScamp[" + size + " nodes, pv total " + partialViewTotal + "]";
    }
}
