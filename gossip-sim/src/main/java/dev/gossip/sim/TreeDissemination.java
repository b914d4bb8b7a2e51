package dev.gossip.sim;

import dev.gossip.Address;
import dev.gossip.DisseminationConfig;
import dev.gossip.MessageId;
import dev.gossip.NodeId;
import dev.gossip.TransportConfig;
import dev.gossip.ViewChange;
import dev.gossip.core.PushTree;
import dev.gossip.spi.DigestFrame;
import dev.gossip.spi.Membership;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The engine's eager/lazy push ({@link DisseminationConfig.Mode#TREE}) over simulated nodes: each
 * node runs the production {@link PushTree}, created on the node's first payload, control datagram
 * or wake-up (so building an overlay costs nothing more), and fed its membership's views then and
 * every view change after. Payloads are datagrams like the flood's, carrying a broadcast index and
 * a hop count; IHAVE, GRAFT and PRUNE are {@link Simulator#CONTROL} datagrams with the same latency
 * and loss, carrying broadcast indices (copied from the tree's id array, which is valid only during
 * its call). A node's timers run on a {@link Simulator#WAKE} event at {@link PushTree#nextDeadline()},
 * scheduled whenever the deadline becomes earlier than the wake-up already pending; a superseded
 * wake-up is skipped when it comes. Crashed and departed nodes neither receive nor wake; a
 * recovered node's overdue timers fire at once.
 *
 * <p>Where it differs from the engine: timers fire at their deadline, not on the next protocol
 * tick; frames are not bundled (each is a datagram of its own); a graft is answered from the
 * node's last {@code dedupCapacity} receipts (the engine keeps {@link
 * DisseminationConfig#historyCapacity()} payloads), which is the same when each broadcast is run to
 * quiescence before the next, as the experiments do. A graft for a message no longer held is
 * counted ({@code tree.graftUnavailable}).
 *
 * <p>One {@link PushTree.Output} serves every node: the simulation runs one tree call at a time,
 * and {@link #current} says whose.
 */
final class TreeDissemination extends Dissemination implements PushTree.Output {

    /** Ids per announcement or graft frame: as the engine computes it for the default datagram size. */
    static final int IDS_PER_FRAME =
            Math.min(DigestFrame.MAX_IDS, (TransportConfig.DEFAULT_MAX_DATAGRAM_BYTES - 16) / 16);

    private final DisseminationConfig config;
    private final IdFrame frame = new IdFrame();
    private TreeNode[] trees = new TreeNode[64];
    /** The node whose tree is running, the broadcast it handles (or -1) and the hops it came over. */
    @SuppressWarnings("NullAway.Init") // begin() sets it before the tree runs
    private SimNode current;

    private int currentBroadcast = -1;
    private int currentHops;
    private long graftUnavailable;
    private long controlLost;
    private long controlToDown;
    private long controlRefused;
    private long wakeUps;
    private long wakeUpsSkipped;

    TreeDissemination(Simulator sim, int dedupCapacity, DisseminationConfig config) {
        super(sim, dedupCapacity);
        this.config = config;
    }

    @Override
    void spread(SimNode node, int from, int broadcastIndex, int hops, long now) {
        spread(node, from < 0 ? null : sim.nodeAt(from).id.address(), broadcastIndex, hops, now);
    }

    @Override
    void duplicate(SimNode node, int from, int broadcastIndex, int hops, long now) {
        TreeNode t = tree(node);
        begin(node, broadcastIndex, hops);
        t.tree.onDuplicate(sim.nodeAt(from).id.address(), now);
    }

    private void spread(SimNode node, @Nullable Address from, int broadcastIndex, int hops, long now) {
        TreeNode t = tree(node);
        t.received(broadcastIndex, hops);
        begin(node, broadcastIndex, hops);
        MessageId id = broadcast(broadcastIndex).id();
        Membership membership = node.membership;
        t.tree.disseminate(id.high(), id.low(), from, membership.partialView(), membership.inView(), now);
        schedule(node, t);
    }

    @Override
    void control(SimNode to, int from, int kind, int single, int @Nullable [] indices, long now) {
        if (to.state != SimNode.UP) {
            controlToDown++;
            return;
        }
        TreeNode t = tree(to);
        Address sender = sim.nodeAt(from).id.address();
        begin(to, -1, 0);
        boolean accepted;
        if (kind == DigestFrame.IHAVE) {
            accepted = t.tree.isNeighbour(sender); // as the engine's TreeStrategy: a stranger's ids are ignored
            if (accepted) {
                frame.wrap(kind, single, indices);
                for (int i = 0, n = frame.count(); i < n; i++) {
                    long high = frame.idHigh(i);
                    long low = frame.idLow(i);
                    t.tree.onAnnounce(sender, high, low, to.seen(dedupCapacity).contains(high, low), now);
                }
            }
        } else if (kind == DigestFrame.GRAFT) {
            accepted = t.tree.onGraft(sender, frame.wrap(kind, single, indices));
        } else {
            accepted = t.tree.onPrune(sender);
        }
        if (!accepted) {
            controlRefused++;
        }
        schedule(to, t);
    }

    @Override
    void wake(SimNode node, long now) {
        TreeNode t = trees[node.index];
        if (now != t.wakeAt) {
            wakeUpsSkipped++; // an earlier wake-up replaced this one
            return;
        }
        t.wakeAt = Long.MAX_VALUE;
        if (node.state != SimNode.UP) {
            return; // silent; recovered() schedules what is overdue
        }
        wakeUps++;
        begin(node, -1, 0);
        t.tree.onTimer(now);
        schedule(node, t);
    }

    @Override
    void viewChanged(SimNode node, ViewChange change) {
        TreeNode t = node.index < trees.length ? trees[node.index] : null;
        if (t != null) {
            t.tree.onViewChange(change, node.membership.partialView(), node.membership.inView());
        }
    }

    @Override
    void recovered(SimNode node) {
        TreeNode t = node.index < trees.length ? trees[node.index] : null;
        if (t != null) {
            schedule(node, t);
        }
    }

    private void begin(SimNode node, int broadcastIndex, int hops) {
        current = node;
        currentBroadcast = broadcastIndex;
        currentHops = hops;
    }

    /** Schedules a wake-up at the tree's next deadline if that is earlier than the one pending. */
    private void schedule(SimNode node, TreeNode t) {
        long deadline = t.tree.nextDeadline();
        if (deadline < t.wakeAt) {
            t.wakeAt = Math.max(deadline, sim.now());
            sim.scheduleWake(node.index, t.wakeAt);
        }
    }

    /** @return the node's tree, created (and told the node's views) on first use */
    private TreeNode tree(SimNode node) {
        if (node.index >= trees.length) {
            trees = Arrays.copyOf(trees, Math.max(trees.length * 2, node.index + 1));
        }
        TreeNode t = trees[node.index];
        if (t == null) {
            t = new TreeNode(new PushTree(config, IDS_PER_FRAME, this), dedupCapacity);
            trees[node.index] = t;
            List<NodeId> partialView = node.membership.partialView();
            List<NodeId> inView = node.membership.inView();
            for (NodeId member : partialView) {
                t.tree.onViewChange(
                        new ViewChange(ViewChange.View.PARTIAL_VIEW, ViewChange.Kind.ADDED, member),
                        partialView,
                        inView);
            }
            for (NodeId member : inView) {
                t.tree.onViewChange(
                        new ViewChange(ViewChange.View.IN_VIEW, ViewChange.Kind.ADDED, member), partialView, inView);
            }
        }
        return t;
    }

    @Override
    public void payload(Address to, long high, long low, boolean graftReply) {
        int index = currentBroadcast;
        int hops = currentHops;
        if (graftReply) {
            index = indexOf(high, low);
            hops = index < 0 ? -1 : trees[current.index].hopsOf(index);
            if (hops < 0) {
                graftUnavailable++;
                return;
            }
            broadcast(index).graftReply();
        }
        Broadcast b = broadcast(index);
        b.sent();
        if (!sim.sendGossip(current.index, NodeIds.indexOfAddress(to), index, hops + 1)) {
            b.dropped();
        }
    }

    @Override
    public void control(Address to, int kind, long[] ids, int count) {
        int single = -1;
        int[] indices = null;
        if (count == 0) {
            if (currentBroadcast >= 0) {
                broadcast(currentBroadcast).control(kind); // a prune, caused by this broadcast's duplicate
            }
        } else if (count == 1) {
            single = knownIndex(ids[0], ids[1]);
            broadcast(single).control(kind);
        } else {
            indices = new int[count];
            for (int i = 0; i < count; i++) {
                indices[i] = knownIndex(ids[2 * i], ids[2 * i + 1]);
                if (!contains(indices, i, indices[i])) {
                    broadcast(indices[i]).control(kind);
                }
            }
        }
        if (!sim.sendControl(current.index, NodeIds.indexOfAddress(to), kind, single, indices)) {
            controlLost++;
        }
    }

    private int knownIndex(long high, long low) {
        int index = indexOf(high, low);
        if (index < 0) {
            throw new IllegalStateException(
                    "the tree of " + current + " named an id never broadcast: " + new MessageId(high, low));
        }
        return index;
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    /** Adds the trees' counters ({@code tree.*}, summed over the nodes) and the simulator's own. */
    @Override
    void addCounters(Map<String, Long> counters) {
        Map<String, Long> sum = new TreeMap<>();
        Map<String, Long> one = new TreeMap<>();
        long nodes = 0;
        for (TreeNode t : trees) {
            if (t != null) {
                nodes++;
                one.clear();
                t.tree.addCounters(one);
                one.forEach((name, value) -> sum.merge(name, value, Long::sum));
            }
        }
        counters.putAll(sum);
        counters.put("tree.nodes", nodes);
        counters.put("tree.graftUnavailable", graftUnavailable);
        counters.put("tree.controlLost", controlLost);
        counters.put("tree.controlToDown", controlToDown);
        counters.put("tree.controlRefused", controlRefused);
        counters.put("tree.wakeUps", wakeUps);
        counters.put("tree.wakeUpsSkipped", wakeUpsSkipped);
    }

    /** A node's tree, its pending wake-up and the hops of its last receipts (to answer grafts). */
    private static final class TreeNode {
        final PushTree tree;
        long wakeAt = Long.MAX_VALUE;
        private final int[] received;
        private final int[] hops;
        private int next;

        TreeNode(PushTree tree, int capacity) {
            this.tree = tree;
            this.received = new int[capacity];
            this.hops = new int[capacity];
            Arrays.fill(received, -1);
        }

        void received(int broadcastIndex, int hopCount) {
            received[next] = broadcastIndex;
            hops[next] = hopCount;
            next = (next + 1) % received.length;
        }

        /** @return the hops over which the broadcast came, or -1 if it is not among the last receipts */
        int hopsOf(int broadcastIndex) {
            for (int i = 0; i < received.length; i++) {
                if (received[i] == broadcastIndex) {
                    return hops[i];
                }
            }
            return -1;
        }
    }

    /** The ids of a control datagram as the tree reads them: broadcast indices turned back into ids. */
    private final class IdFrame implements DigestFrame {
        private int kind;
        private int single;
        private int @Nullable [] indices;

        IdFrame wrap(int frameKind, int singleIndex, int @Nullable [] many) {
            this.kind = frameKind;
            this.single = singleIndex;
            this.indices = many;
            return this;
        }

        private int index(int i) {
            return indices != null ? indices[i] : single;
        }

        @Override
        public int kind() {
            return kind;
        }

        @Override
        public int count() {
            return indices != null ? indices.length : single >= 0 ? 1 : 0;
        }

        @Override
        public long idHigh(int i) {
            return broadcast(index(i)).id().high();
        }

        @Override
        public long idLow(int i) {
            return broadcast(index(i)).id().low();
        }
    }
}
