package dev.gossip.sim;

import dev.gossip.NodeId;
import java.util.List;

/**
 * The partial-view graph of a grown overlay as int arrays (each node's partial view, in view order,
 * one after another), and a flood over it as a breadth-first pass: the reliability experiment's
 * fast path for a lossless network with a fixed latency and crashes only.
 *
 * <p>Why it gives the event path's answer exactly, not an approximation: with one fixed latency
 * every copy sent at hop {@code h} arrives at time {@code h} latencies, and copies arriving at the
 * same instant run in the order they were sent, which is the order in which a FIFO breadth-first
 * pass visits the senders and walks their views. So the pass finds the same first sender for every
 * node, hence the same nodes reached, the same datagrams (every partial-view member of a reached
 * node but its first sender, crashed members included) and the same depth of the last first
 * receipt. {@code ReachGraphTest} checks this node by node against {@link Simulator#broadcast}.
 *
 * <p>About 4 bytes a link and 12 a node; reusable across floods (marks are stamped with a flood
 * number, never cleared). Not thread-safe: one per trial.
 */
final class ReachGraph {

    private final int n;
    private final int[] first;
    private final int[] links;
    private final int[] stamp;
    private final int[] queue;
    private final int[] sender;
    private int mark;
    private long messages;
    private int maxHops;

    private ReachGraph(int n, int[] first, int[] links) {
        this.n = n;
        this.first = first;
        this.links = links;
        this.stamp = new int[n];
        this.queue = new int[n];
        this.sender = new int[n];
    }

    /**
     * Reads the partial views of every node of {@code sim} (up or not: the views are the overlay,
     * who is down is a flood's argument).
     */
    static ReachGraph of(Simulator sim) {
        int n = sim.size();
        int[] first = new int[n + 1];
        int total = 0;
        for (int i = 0; i < n; i++) {
            first[i] = total;
            total += sim.membership(i).partialView().size();
        }
        first[n] = total;
        int[] links = new int[total];
        int k = 0;
        for (int i = 0; i < n; i++) {
            List<NodeId> view = sim.membership(i).partialView();
            for (int j = 0, size = view.size(); j < size; j++) {
                links[k++] = NodeIds.indexOf(view.get(j));
            }
        }
        return new ReachGraph(n, first, links);
    }

    /** Reads the partial views of every node of the int-indexed simulation, as {@link #of(Simulator)}. */
    static ReachGraph of(IndexedSimulation sim) {
        int n = sim.size();
        int[][] views = new int[n][];
        int[] first = new int[n + 1];
        int total = 0;
        for (int i = 0; i < n; i++) {
            views[i] = sim.partialView(i);
            first[i] = total;
            total += views[i].length;
        }
        first[n] = total;
        int[] links = new int[total];
        for (int i = 0; i < n; i++) {
            System.arraycopy(views[i], 0, links, first[i], views[i].length);
        }
        return new ReachGraph(n, first, links);
    }

    /** @return the number of nodes */
    int size() {
        return n;
    }

    /** @return the number of partial-view entries over all nodes */
    int linkCount() {
        return links.length;
    }

    /**
     * Floods once from {@code source} over the links between live nodes.
     *
     * @param down which nodes are crashed (they neither receive nor forward)
     * @param source a live node
     * @return the live nodes reached, the source included; {@link #messages()} then holds the
     *     datagrams sent and {@link #maxHops()} the hop count of the last first receipt
     */
    int flood(boolean[] down, int source) {
        int m = ++mark;
        long sent = 0;
        int head = 0;
        int tail = 0;
        stamp[source] = m;
        sender[tail] = -1;
        queue[tail++] = source;
        int depth = 0;
        int levelEnd = tail;
        int deepest = 0;
        while (head < tail) {
            if (head == levelEnd) {
                depth++;
                levelEnd = tail;
            }
            int from = sender[head];
            int node = queue[head++];
            for (int e = first[node], end = first[node + 1]; e < end; e++) {
                int to = links[e];
                if (to == from) {
                    continue;
                }
                sent++;
                if (to >= 0 && to < n && stamp[to] != m && !down[to]) {
                    stamp[to] = m;
                    sender[tail] = node;
                    queue[tail++] = to;
                    deepest = depth + 1;
                }
            }
        }
        messages = sent;
        maxHops = deepest;
        return tail;
    }

    /** @param node a node @return whether the last {@link #flood} reached it */
    boolean reached(int node) {
        return stamp[node] == mark;
    }

    /** @return the datagrams the last {@link #flood} sent, those to crashed nodes included */
    long messages() {
        return messages;
    }

    /** @return the hop count (1 for the source's view) of the last first receipt of the last flood */
    int maxHops() {
        return maxHops;
    }
}
