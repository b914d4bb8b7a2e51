package dev.gossip.sim;

import dev.gossip.MessageId;
import dev.gossip.ViewChange;
import java.util.Arrays;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * How broadcasts spread over the simulated nodes: {@link FloodDissemination} or {@link
 * TreeDissemination}, chosen by {@link Simulator.Builder#dissemination}. Both keep the broadcasts
 * sent so far, so that an event carries a broadcast's index, not its id. Called by the simulator
 * only, on its thread.
 */
abstract class Dissemination {

    final Simulator sim;
    final int dedupCapacity;
    private Broadcast[] broadcasts = new Broadcast[4];
    private int count;

    Dissemination(Simulator sim, int dedupCapacity) {
        this.sim = sim;
        this.dedupCapacity = dedupCapacity;
    }

    /** Sends a new message from {@code origin}, which is up; draws its id from {@code random}. */
    final Broadcast broadcast(SimNode origin, RandomGenerator random, long now) {
        Broadcast b = new Broadcast(new MessageId(random.nextLong(), random.nextLong()), origin.index, now);
        int index = register(b);
        origin.seen(dedupCapacity).add(b.id().high(), b.id().low());
        b.delivered(now, 0);
        spread(origin, -1, index, 0, now);
        return b;
    }

    /**
     * A datagram carrying broadcast {@code broadcastIndex}, sent by node {@code from}, arrives: a
     * down node counts it lost, a node that has seen the id counts a duplicate, any other delivers
     * and spreads it.
     */
    final void deliver(SimNode to, int from, int broadcastIndex, int hops, long now) {
        Broadcast b = broadcast(broadcastIndex);
        if (to.state != SimNode.UP) {
            b.toDown();
            return;
        }
        if (!to.seen(dedupCapacity).add(b.id().high(), b.id().low())) {
            b.duplicate();
            duplicate(to, from, broadcastIndex, hops, now);
            return;
        }
        b.delivered(now, hops);
        spread(to, from, broadcastIndex, hops, now);
    }

    /**
     * Spreads a broadcast that {@code node} delivered: received from node {@code from}, or its own
     * when {@code from} is -1.
     */
    abstract void spread(SimNode node, int from, int broadcastIndex, int hops, long now);

    /** {@code node} received a copy it had seen, from node {@code from}; the flood only counts it. */
    void duplicate(SimNode node, int from, int broadcastIndex, int hops, long now) {}

    /**
     * A control datagram arrives ({@link Simulator#CONTROL}); only the tree sends any.
     *
     * @param kind {@link dev.gossip.spi.DigestFrame#IHAVE}, {@code GRAFT} or {@code PRUNE}
     * @param single the broadcast index of its one id, or -1
     * @param indices the broadcast indices of its ids when it has several, else {@code null}
     */
    void control(SimNode to, int from, int kind, int single, int @Nullable [] indices, long now) {
        throw new AssertionError("control datagram without a tree");
    }

    /** A wake-up scheduled for {@code node}'s timers is due ({@link Simulator#WAKE}). */
    void wake(SimNode node, long now) {
        throw new AssertionError("wake-up without a tree");
    }

    /** {@code node}'s membership changed a view (after the change). */
    void viewChanged(SimNode node, ViewChange change) {}

    /** {@code node} came back from a crash. */
    void recovered(SimNode node) {}

    /** Adds this dissemination's counters, if it keeps any. */
    void addCounters(Map<String, Long> counters) {}

    /** @return the index it is known by */
    final int register(Broadcast b) {
        if (count == broadcasts.length) {
            broadcasts = Arrays.copyOf(broadcasts, count * 2);
        }
        int index = count++;
        broadcasts[index] = b;
        return index;
    }

    /** @return the broadcast at {@code index} */
    final Broadcast broadcast(int index) {
        return broadcasts[index];
    }

    /** @return the index of the broadcast with this id, newest first, or -1 if none */
    final int indexOf(long high, long low) {
        for (int i = count - 1; i >= 0; i--) {
            MessageId id = broadcasts[i].id();
            if (id.high() == high && id.low() == low) {
                return i;
            }
        }
        return -1;
    }
}
