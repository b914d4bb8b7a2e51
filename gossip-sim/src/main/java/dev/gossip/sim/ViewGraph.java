package dev.gossip.sim;

import dev.gossip.NodeId;

/** Graph checks over the views of the nodes that are up, read between runs. */
final class ViewGraph {

    private ViewGraph() {}

    /**
     * Counts the links one end of which does not know of: {@code j ∈ PV(i)} without
     * {@code i ∈ InView(j)}, plus {@code j ∈ InView(i)} without {@code i ∈ PV(j)}, over nodes up.
     */
    static long asymmetricLinks(Simulator sim) {
        long count = 0;
        for (int i = 0; i < sim.size(); i++) {
            if (!sim.isUp(i)) {
                continue;
            }
            NodeId self = sim.id(i);
            for (NodeId j : sim.membership(i).partialView()) {
                int jj = sim.indexOf(j);
                if (jj >= 0 && sim.isUp(jj) && !sim.membership(jj).inView().contains(self)) {
                    count++;
                }
            }
            for (NodeId j : sim.membership(i).inView()) {
                int jj = sim.indexOf(j);
                if (jj >= 0 && sim.isUp(jj) && !sim.membership(jj).partialView().contains(self)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Counts partial-view entries, over nodes up, that name a node that is down or unknown. */
    static long danglingLinks(Simulator sim) {
        long count = 0;
        for (int i = 0; i < sim.size(); i++) {
            if (sim.isUp(i)) {
                for (NodeId j : sim.membership(i).partialView()) {
                    int jj = sim.indexOf(j);
                    if (jj < 0 || !sim.isUp(jj)) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /**
     * Whether every node up reaches every other node up along partial-view links between nodes up
     * (a flood from any of them reaches all of them). True when fewer than two nodes are up. Reads
     * partial views only, so an inconsistent InView does not hide a partition.
     */
    static boolean stronglyConnected(Simulator sim) {
        int n = sim.size();
        int[] outStart = new int[n + 1];
        int[] inDegree = new int[n + 1];
        int links = 0;
        int start = -1;
        for (int i = 0; i < n; i++) {
            outStart[i] = links;
            if (!sim.isUp(i)) {
                continue;
            }
            start = start < 0 ? i : start;
            for (NodeId j : sim.membership(i).partialView()) {
                int jj = sim.indexOf(j);
                if (jj >= 0 && sim.isUp(jj)) {
                    links++;
                    inDegree[jj]++;
                }
            }
        }
        outStart[n] = links;
        if (start < 0) {
            return true;
        }
        int[] out = new int[links];
        int[] inStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            inStart[i + 1] = inStart[i] + inDegree[i];
        }
        int[] in = new int[links];
        int[] inFill = java.util.Arrays.copyOf(inStart, n);
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!sim.isUp(i)) {
                continue;
            }
            for (NodeId j : sim.membership(i).partialView()) {
                int jj = sim.indexOf(j);
                if (jj >= 0 && sim.isUp(jj)) {
                    out[k++] = jj;
                    in[inFill[jj]++] = i;
                }
            }
        }
        int up = sim.upCount();
        return reach(n, start, outStart, out) == up && reach(n, start, inStart, in) == up;
    }

    private static int reach(int n, int start, int[] first, int[] links) {
        boolean[] seen = new boolean[n];
        int[] stack = new int[n];
        int top = 0;
        stack[top++] = start;
        seen[start] = true;
        int count = 1;
        while (top > 0) {
            int i = stack[--top];
            for (int e = first[i]; e < first[i + 1]; e++) {
                int j = links[e];
                if (!seen[j]) {
                    seen[j] = true;
                    stack[top++] = j;
                    count++;
                }
            }
        }
        return count;
    }
}
