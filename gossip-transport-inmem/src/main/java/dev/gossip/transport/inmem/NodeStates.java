package dev.gossip.transport.inmem;

import dev.gossip.OpaqueAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which addresses of one {@link InMemoryNetwork} are crashed or paused, and the datagrams held for
 * and from paused ones. An address without an entry is up. Thread-safe: the rare state changes
 * are serialised on this object, and each entry is guarded by its own monitor, so that a pause, a
 * resume and a dispatcher never lose a held datagram between them.
 */
final class NodeStates {

    private final Map<OpaqueAddress, State> states = new ConcurrentHashMap<>();
    private final NetworkCounters counters;
    private final int holdCapacity;

    private static final class State {
        boolean crashed;
        boolean paused;
        final ArrayDeque<Envelope> held = new ArrayDeque<>();
    }

    NodeStates(NetworkCounters counters, int holdCapacity) {
        this.counters = counters;
        this.holdCapacity = holdCapacity;
    }

    /** @return {@code true} if no address is crashed or paused: the fast path for every datagram */
    boolean allUp() {
        return states.isEmpty();
    }

    synchronized void crash(OpaqueAddress address) {
        State state = states.computeIfAbsent(address, k -> new State());
        synchronized (state) {
            state.crashed = true;
            dropHeld(state);
        }
    }

    synchronized void pause(OpaqueAddress address) {
        State state = states.computeIfAbsent(address, k -> new State());
        synchronized (state) {
            state.paused = true;
        }
    }

    /** @return what was held, in order, to be sent again; the address is up unless crashed */
    synchronized List<Envelope> resume(OpaqueAddress address) {
        State state = states.get(address);
        if (state == null) {
            return List.of();
        }
        synchronized (state) {
            state.paused = false;
            List<Envelope> released = List.copyOf(state.held);
            counters.held.addAndGet(-released.size());
            state.held.clear();
            if (!state.crashed) {
                states.remove(address, state);
            }
            return released;
        }
    }

    /** Brings the address up: not crashed, not paused; what a pause held is lost. */
    synchronized void restart(OpaqueAddress address) {
        State state = states.remove(address);
        if (state != null) {
            synchronized (state) {
                state.crashed = false;
                state.paused = false;
                dropHeld(state);
            }
        }
    }

    boolean isCrashed(OpaqueAddress address) {
        State state = states.get(address);
        return state != null && state.crashed;
    }

    boolean isPaused(OpaqueAddress address) {
        State state = states.get(address);
        return state != null && state.paused;
    }

    /**
     * Checked when a datagram is sent: a crashed sender's datagrams are dropped, a paused
     * sender's are held until it resumes.
     *
     * @return {@code true} if the datagram goes on; {@code false} if it was dropped or held here
     */
    boolean admitSend(Envelope envelope) {
        return admit(envelope, envelope.from());
    }

    /**
     * Checked when a datagram is due: one for a crashed destination is dropped, one for a paused
     * destination is held until it resumes.
     *
     * @return {@code true} if it is to be delivered now
     */
    boolean admitDelivery(Envelope envelope) {
        return admit(envelope, envelope.to());
    }

    private boolean admit(Envelope envelope, OpaqueAddress address) {
        if (states.isEmpty()) {
            return true;
        }
        State state = states.get(address);
        if (state == null) {
            return true;
        }
        synchronized (state) {
            if (state.crashed) {
                counters.drop(DropCause.CRASHED);
                return false;
            }
            if (state.paused) {
                if (state.held.size() >= holdCapacity) {
                    counters.drop(DropCause.QUEUE_FULL);
                } else {
                    state.held.add(envelope.now());
                    counters.held.incrementAndGet();
                }
                return false;
            }
            return true;
        }
    }

    private void dropHeld(State state) {
        for (int i = 0; i < state.held.size(); i++) {
            counters.drop(DropCause.CRASHED);
        }
        counters.held.addAndGet(-state.held.size());
        state.held.clear();
    }
}
