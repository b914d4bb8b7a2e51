package dev.gossip.testkit;

import dev.gossip.NodeId;
import dev.gossip.spi.Membership;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Structural checks of the views in a {@link MembershipHarness}. Each returns a list of problems
 * in words, empty when all is well, so that an assertion prints what is wrong:
 * {@code assertThat(checks.all()).as("seed %d", seed).isEmpty()}. Crashed nodes are skipped, and
 * links to them ignored (nobody has had a chance to notice the crash).
 */
public final class ViewChecks {

    private final MembershipHarness harness;

    ViewChecks(MembershipHarness harness) {
        this.harness = harness;
    }

    /** @return {@link #selfOrDuplicates()}, {@link #asymmetries()} and {@link #eventMismatches()} */
    public List<String> all() {
        List<String> problems = new ArrayList<>(selfOrDuplicates());
        problems.addAll(asymmetries());
        problems.addAll(eventMismatches());
        return problems;
    }

    /** @return nodes whose partial view or InView holds the node itself or a duplicate */
    public List<String> selfOrDuplicates() {
        List<String> problems = new ArrayList<>();
        for (NodeId id : running()) {
            Membership m = harness.membership(id);
            check(id, "partial view", m.partialView(), problems);
            check(id, "InView", m.inView(), problems);
        }
        return problems;
    }

    /** @return links known to one end only: {@code j ∈ InView(i)} but {@code i ∉ PV(j)}, or the reverse */
    public List<String> asymmetries() {
        List<String> problems = new ArrayList<>();
        Set<NodeId> running = new HashSet<>(running());
        for (NodeId i : running) {
            for (NodeId j : harness.membership(i).partialView()) {
                if (running.contains(j) && !harness.membership(j).inView().contains(i)) {
                    problems.add(j + " ∈ PV(" + i + ") but " + i + " ∉ InView(" + j + ")");
                }
            }
            for (NodeId j : harness.membership(i).inView()) {
                if (running.contains(j) && !harness.membership(j).partialView().contains(i)) {
                    problems.add(j + " ∈ InView(" + i + ") but " + i + " ∉ PV(" + j + ")");
                }
            }
        }
        return problems;
    }

    /** @return nodes whose views differ from what their view-change events say */
    public List<String> eventMismatches() {
        List<String> problems = new ArrayList<>();
        for (NodeId id : running()) {
            problems.addAll(harness.eventProblems(id));
            List<List<NodeId>> mirror = harness.mirror(id);
            Membership m = harness.membership(id);
            if (!Set.copyOf(mirror.get(0)).equals(Set.copyOf(m.partialView()))) {
                problems.add(id + ": partial view " + m.partialView() + " but events say " + mirror.get(0));
            }
            if (!Set.copyOf(mirror.get(1)).equals(Set.copyOf(m.inView()))) {
                problems.add(id + ": InView " + m.inView() + " but events say " + mirror.get(1));
            }
        }
        return problems;
    }

    /**
     * Finds the running nodes whose partial view or InView holds {@code node}.
     *
     * @param node the node looked for
     * @return one line per holder
     */
    public List<String> holdersOf(NodeId node) {
        List<String> problems = new ArrayList<>();
        for (NodeId id : running()) {
            if (harness.membership(id).partialView().contains(node)) {
                problems.add(node + " ∈ PV(" + id + ")");
            }
            if (harness.membership(id).inView().contains(node)) {
                problems.add(node + " ∈ InView(" + id + ")");
            }
        }
        return problems;
    }

    /**
     * Floods from each of {@code nodes} over partial views, forwarding only through {@code nodes}
     * (as gossip does when the others are gone), and reports every node that does not reach all
     * the others.
     *
     * @param nodes the nodes that should form one strongly connected group
     * @return one line per node that misses some
     */
    public List<String> unreachable(Collection<NodeId> nodes) {
        Set<NodeId> group = new LinkedHashSet<>(nodes);
        List<String> problems = new ArrayList<>();
        for (NodeId start : group) {
            Set<NodeId> reached = flood(start, group);
            if (reached.size() < group.size()) {
                Set<NodeId> missing = new LinkedHashSet<>(group);
                missing.removeAll(reached);
                problems.add(start + " reaches " + reached.size() + " of " + group.size() + ", not " + missing);
            }
        }
        return problems;
    }

    private Set<NodeId> flood(NodeId start, Set<NodeId> group) {
        Set<NodeId> reached = new HashSet<>();
        ArrayDeque<NodeId> frontier = new ArrayDeque<>();
        reached.add(start);
        frontier.add(start);
        while (!frontier.isEmpty()) {
            for (NodeId next : harness.membership(frontier.poll()).partialView()) {
                if (group.contains(next) && reached.add(next)) {
                    frontier.add(next);
                }
            }
        }
        return reached;
    }

    private List<NodeId> running() {
        List<NodeId> running = new ArrayList<>();
        for (NodeId id : harness.nodes()) {
            if (!harness.isCrashed(id)) {
                running.add(id);
            }
        }
        return running;
    }

    private static void check(NodeId id, String name, List<NodeId> view, List<String> problems) {
        if (view.contains(id)) {
            problems.add(id + ": " + name + " holds the node itself: " + view);
        }
        if (new HashSet<>(view).size() != view.size()) {
            problems.add(id + ": " + name + " holds a duplicate: " + view);
        }
    }
}
