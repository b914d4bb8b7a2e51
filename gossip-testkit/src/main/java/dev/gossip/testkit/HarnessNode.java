package dev.gossip.testkit;

import dev.gossip.NodeId;
import dev.gossip.ViewChange;
import dev.gossip.spi.Membership;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One node of a {@link MembershipHarness}: its membership, the context that membership sees
 * (harness clock, own random source, sends into the harness queue), and a mirror of its views
 * replayed from the view changes it reports.
 */
final class HarnessNode implements MembershipContext {

    final NodeId id;

    @SuppressWarnings("NullAway.Init") // MembershipHarness sets it right after construction
    Membership membership;

    boolean departed;
    boolean crashed;
    private final MembershipHarness harness;
    private final RandomGenerator random;
    private final List<NodeId> partialMirror = new ArrayList<>();
    private final List<NodeId> inMirror = new ArrayList<>();
    private final List<String> eventProblems = new ArrayList<>();

    HarnessNode(MembershipHarness harness, NodeId id, RandomGenerator random) {
        this.harness = harness;
        this.id = id;
        this.random = random;
    }

    /** @return [partial view, InView] as replayed from the events */
    List<List<NodeId>> mirror() {
        return List.of(List.copyOf(partialMirror), List.copyOf(inMirror));
    }

    /** @return events that did not fit the ones before: ADDED for a member, REMOVED for a stranger */
    List<String> eventProblems() {
        return Collections.unmodifiableList(eventProblems);
    }

    @Override
    public NodeId self() {
        return id;
    }

    @Override
    public long nanoTime() {
        return harness.nanoTime();
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public void send(NodeId to, MembershipMessage message) {
        harness.send(new MembershipHarness.Envelope(
                id, Objects.requireNonNull(to, "to"), Objects.requireNonNull(message, "message")));
    }

    @Override
    public void viewChanged(ViewChange change) {
        List<NodeId> mirror = change.view() == ViewChange.View.PARTIAL_VIEW ? partialMirror : inMirror;
        boolean consistent = change.kind() == ViewChange.Kind.ADDED
                ? !mirror.contains(change.member()) && mirror.add(change.member())
                : mirror.remove(change.member());
        if (!consistent) {
            eventProblems.add(id + ": " + change + " does not fit the earlier events");
        }
    }
}
