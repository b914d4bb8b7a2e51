package dev.gossip.sim;

import dev.gossip.MembershipConfig;
import dev.gossip.MessageId;
import dev.gossip.scamp.IndexedScamp;
import dev.gossip.scamp.SplitMix;

/**
 * The scale experiment's simulator: SCAMP's joins through gossip-scamp's {@link IndexedScamp} (the
 * int-indexed form of {@code ScampMembership}) and the flood over its int views, on the same
 * {@link EventQueue} as {@link Simulator}. Nodes are numbers; an event carries the message in its
 * int fields; nothing on the event path is a per-node object.
 *
 * <p>It covers exactly the case the scale experiment runs, where it gives {@link Simulator}'s run
 * event for event: a lossless network with {@link NetworkConfig#lossless() the default fixed
 * latency}, no ticks, no crash and no departure, the flood with one broadcast at a time. The
 * generators are derived as {@link Simulator} derives them (master seed, the network's split, then
 * one split per node; {@link SplitMix} gives {@code SplittableRandom}'s numbers, its state kept in
 * an array), messages are queued in the order the protocol sends them, so the views,
 * event counts and the broadcast's reach, messages and hops are the same ({@code
 * IndexedSimulationTest} compares both). Everything else (loss, jitter, crashes, ticks, the tree,
 * other memberships) needs {@link Simulator}.
 *
 * <p>Not thread-safe.
 */
final class IndexedSimulation implements Overlay.Measured {

    private static final byte MEMBERSHIP = Simulator.MEMBERSHIP;
    private static final byte GOSSIP = Simulator.GOSSIP;

    private final EventQueue queue = new EventQueue();
    private final IndexedScamp scamp;
    private final SplitMix net;
    private final SplitMix nodeSeeds;
    private final long latency;
    private final boolean readAhead;
    private long now;
    private long eventsRun;
    private long touched; // what touchAhead read, kept so that the reads are not optimised away
    private int[] spreadBuffer = new int[64];
    /** One bit a node: has it seen the broadcast running (the one-id dedup set of the scale run). */
    private long[] seen = new long[1];

    private Broadcast broadcast = new Broadcast(new MessageId(0, 0), 0, 0);

    IndexedSimulation(long seed, MembershipConfig config, boolean readAhead) {
        SplitMix master = new SplitMix(seed); // as Simulator's SplittableRandom, number for number
        this.net = master.split();
        this.nodeSeeds = master.split();
        this.latency = NetworkConfig.lossless().minLatency().toNanos();
        this.readAhead = readAhead;
        this.scamp = new IndexedScamp(config, this::sendMembership);
    }

    /** @return the new node's number; as {@link Simulator#addNode()} */
    @Override
    public int addNode() {
        return scamp.addNode(nodeSeeds.split());
    }

    @Override
    public int size() {
        return scamp.size();
    }

    /** As {@link Simulator#join}. */
    @Override
    public void join(int node, int contact) {
        scamp.join(node, contact);
    }

    /** @return the events run; as {@link Simulator#runUntilQuiescent()} */
    @Override
    public long runUntilQuiescent() {
        long before = eventsRun;
        while (!queue.isEmpty()) {
            if (readAhead && (eventsRun & (BATCH - 1)) == 0) {
                touchAhead();
            }
            queue.pop();
            now = queue.currentTime;
            eventsRun++;
            int target = queue.currentTarget;
            if (queue.currentKind == MEMBERSHIP) {
                int aux = queue.currentAux;
                scamp.onMessage(target, aux & 0xff, queue.currentSource, queue.currentAux2, aux >>> 8);
            } else {
                deliver(target, queue.currentSource, queue.currentAux2);
            }
        }
        return eventsRun - before;
    }

    /**
     * Reads ahead, in batches, the state of the nodes the next events go to. Every {@value #BATCH}
     * events: the per-node numbers and generator of the nodes of the {@value #BATCH} events after
     * the next {@value #BATCH}, and the partial views of the next {@value #BATCH} (whose numbers
     * were read a batch ago). Each read is a likely cache miss, to a node drawn at random; issued
     * together they are served together, where one at a time, as the events run, each waits for
     * the one before. It only reads: events run exactly as without it.
     */
    private void touchAhead() {
        int size = scamp.size();
        long sum = 0;
        for (int k = BATCH; k < 2 * BATCH; k++) {
            int t = queue.fifoTarget(k);
            if (t < 0) {
                break;
            }
            if (t < size) {
                sum += scamp.touch(t);
            }
        }
        for (int k = 0; k < BATCH; k++) {
            int t = queue.fifoTarget(k);
            if (t < 0) {
                break;
            }
            if (t < size) {
                sum += scamp.touchPartialView(t);
            }
        }
        touched += sum;
    }

    /** Events per read-ahead batch. */
    static final int BATCH = 8;

    private void sendMembership(int from, int to, int type, int subject, int counter) {
        queue.push(now + latency, MEMBERSHIP, to, from, type | counter << 8, subject, null);
    }

    /**
     * As {@link Simulator#broadcast} with the flood: the origin sends to every partial-view member;
     * run the simulation to spread it. One broadcast at a time: starting one forgets the last.
     */
    @Override
    public Broadcast broadcast(int origin) {
        if (origin < 0 || origin >= size()) {
            throw new IndexOutOfBoundsException("no node " + origin + " (" + size() + " nodes)");
        }
        broadcast = new Broadcast(new MessageId(net.nextLong(), net.nextLong()), origin, now);
        seen = new long[(size() + 63) >>> 6];
        markSeen(origin);
        broadcast.delivered(now, 0);
        spread(origin, -1, 0);
        return broadcast;
    }

    private void deliver(int to, int from, int hops) {
        if (!markSeen(to)) {
            broadcast.duplicate();
            return;
        }
        broadcast.delivered(now, hops);
        spread(to, from, hops);
    }

    /** @return {@code true} if {@code node} had not seen the broadcast */
    private boolean markSeen(int node) {
        long bit = 1L << node;
        long word = seen[node >>> 6];
        seen[node >>> 6] = word | bit;
        return (word & bit) == 0;
    }

    /** As {@link FloodDissemination}: to every partial-view member but the sender. */
    private void spread(int node, int from, int hops) {
        int n = scamp.partialViewSize(node);
        if (spreadBuffer.length < n) {
            spreadBuffer = new int[Math.max(n, 2 * spreadBuffer.length)];
        }
        int[] members = spreadBuffer;
        scamp.copyPartialView(node, members);
        for (int i = 0; i < n; i++) {
            int to = members[i];
            if (to == from) {
                continue;
            }
            broadcast.sent();
            queue.push(now + latency, GOSSIP, to, node, 0, hops + 1, null);
        }
    }

    /** @return a copy of {@code node}'s partial view, as node numbers */
    int[] partialView(int node) {
        return scamp.partialView(node);
    }

    @Override
    public long eventsRun() {
        return eventsRun;
    }

    @Override
    public long partialViewTotal() {
        return scamp.partialViewTotal();
    }

    /** @param name a counter of {@link IndexedScamp#counters()} @return its sum over the nodes, or 0 */
    @Override
    public long counter(String name) {
        return scamp.counters().getOrDefault(name, 0L);
    }

    IndexedScamp scamp() {
        return scamp;
    }

    @Override
    public String toString() {
        return "IndexedSimulation[" + size() + " nodes, " + eventsRun + " events, touched " + (touched & 1) + "]";
    }
}
