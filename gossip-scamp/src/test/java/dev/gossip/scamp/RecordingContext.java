package dev.gossip.scamp;

import dev.gossip.NodeId;
import dev.gossip.OpaqueAddress;
import dev.gossip.ViewChange;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** A context that records what one node sends and reports, for tests of a single node. */
final class RecordingContext implements MembershipContext {

    /** One message sent. */
    record Sent(NodeId to, MembershipMessage message) {
        int type() {
            return message.type();
        }
    }

    final List<Sent> sent = new ArrayList<>();
    final List<ViewChange> changes = new ArrayList<>();
    long now = 5_000_000_000L;
    private final NodeId self;
    private final RandomGenerator random;

    RecordingContext(String name, long seed) {
        this(node(name), new SplittableRandom(seed));
    }

    RecordingContext(NodeId self, RandomGenerator random) {
        this.self = self;
        this.random = random;
    }

    static NodeId node(String name) {
        return new NodeId(OpaqueAddress.of("mem", name));
    }

    /** @return the messages of {@code type} sent so far, in order */
    List<Sent> sent(int type) {
        return sent.stream().filter(s -> s.type() == type).toList();
    }

    @Override
    public NodeId self() {
        return self;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public void send(NodeId to, MembershipMessage message) {
        sent.add(new Sent(to, message));
    }

    @Override
    public void viewChanged(ViewChange change) {
        changes.add(change);
    }
}
