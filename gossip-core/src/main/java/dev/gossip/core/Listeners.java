package dev.gossip.core;

import dev.gossip.Delivery;
import dev.gossip.MessageListener;
import dev.gossip.Registration;
import dev.gossip.ViewChange;
import dev.gossip.ViewListener;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A node's message and view listeners. Every listener is called even if an earlier one throws; the
 * first failure (others suppressed on it) is rethrown afterwards so that the engine counts it once
 * as {@code HANDLER_ERROR} and reports it.
 */
final class Listeners {

    private final CopyOnWriteArrayList<MessageListener> messageListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<ViewListener> viewListeners = new CopyOnWriteArrayList<>();

    Registration add(MessageListener listener) {
        return register(messageListeners, Objects.requireNonNull(listener, "listener"));
    }

    Registration add(ViewListener listener) {
        return register(viewListeners, Objects.requireNonNull(listener, "listener"));
    }

    private static <T> Registration register(CopyOnWriteArrayList<T> list, T listener) {
        list.add(listener);
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                list.remove(listener);
            }
        };
    }

    void deliver(Delivery delivery) {
        Throwable first = null;
        for (MessageListener listener : messageListeners) {
            try {
                listener.onMessage(delivery);
            } catch (RuntimeException | Error e) {
                first = collect(first, e);
            }
        }
        rethrow(first);
    }

    void viewChanged(ViewChange change) {
        Throwable first = null;
        for (ViewListener listener : viewListeners) {
            try {
                listener.onViewChange(change);
            } catch (RuntimeException | Error e) {
                first = collect(first, e);
            }
        }
        rethrow(first);
    }

    private static Throwable collect(@Nullable Throwable first, Throwable e) {
        if (e instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        if (first == null) {
            return e;
        }
        first.addSuppressed(e);
        return first;
    }

    private static void rethrow(@Nullable Throwable first) {
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }
}
