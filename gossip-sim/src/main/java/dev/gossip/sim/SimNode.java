package dev.gossip.sim;

import dev.gossip.NodeId;
import dev.gossip.ViewChange;
import dev.gossip.core.SeenMessages;
import dev.gossip.spi.Membership;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipMessage;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * One simulated node: the {@link MembershipContext} its membership runs in (virtual clock, its own
 * generator split from the master seed, sends that become delivery events) and its dissemination
 * state. Kept small: a million of these live in one heap.
 */
final class SimNode implements MembershipContext {

    static final byte UP = 0;
    static final byte CRASHED = 1;
    static final byte LEFT = 2;

    final Simulator sim;
    final int index;
    final NodeId id;
    final SplittableRandom random;

    @SuppressWarnings("NullAway.Init") // the Simulator sets it right after construction
    Membership membership;

    @Nullable
    SeenMessages seen;

    byte state = UP;

    SimNode(Simulator sim, int index, SplittableRandom random) {
        this.sim = sim;
        this.index = index;
        this.id = NodeIds.of(index);
        this.random = random;
    }

    SeenMessages seen(int capacity) {
        if (seen == null) {
            seen = new SeenMessages(capacity);
        }
        return seen;
    }

    @Override
    public NodeId self() {
        return id;
    }

    @Override
    public long nanoTime() {
        return sim.nanoTime();
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public void send(NodeId to, MembershipMessage message) {
        sim.sendMembership(this, to, message);
    }

    @Override
    public void viewChanged(ViewChange change) {
        sim.viewChanged(this, change);
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
