package dev.gossip.core;

import dev.gossip.Address;
import dev.gossip.Delivery;
import dev.gossip.DropReason;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.JoinException;
import dev.gossip.MessageId;
import dev.gossip.MessageListener;
import dev.gossip.NodeId;
import dev.gossip.NodeSnapshot;
import dev.gossip.Registration;
import dev.gossip.ViewChange;
import dev.gossip.ViewListener;
import dev.gossip.spi.Codec;
import dev.gossip.spi.MembershipProvider;
import dev.gossip.spi.Transport;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The runtime node: a {@link GossipEngine} driven by a {@link Transport} and a timer. One
 * {@link ReentrantLock} serialises every input (received datagrams on the transport's thread, ticks
 * and join retries on the scheduler, API calls on the caller's thread), so the engine needs no
 * synchronisation and no task is allocated per message. Listeners run under that lock.
 *
 * <p>Join: the subscription is sent through the first seed and re-sent every
 * {@code clamp(heartbeatInterval, tickInterval, timeout)} through the next seed in turn, since
 * datagrams get lost, until the membership reports {@code isJoined()} (checked on each view change)
 * or the timeout ends the attempt with a {@link JoinException}.
 */
final class DefaultGossipNode implements GossipNode {

    private static final System.Logger LOG = System.getLogger(DefaultGossipNode.class.getName());

    private final GossipConfig config;
    private final Transport transport;
    private final Codec codec;
    private final MembershipProvider membershipProvider;
    private final RandomGenerator random;
    private final LongSupplier nanoClock;
    private final @Nullable ScheduledExecutorService suppliedScheduler;
    private final ErrorHandler errorHandler;
    private final Listeners listeners = new Listeners();
    private final ReentrantLock lock = new ReentrantLock();
    private final List<JoinAttempt> joins = new ArrayList<>();

    private volatile NodeSnapshot.State state = NodeSnapshot.State.NEW;

    @SuppressWarnings("NullAway.Init") // set by start(), before any reader; readers check the state first
    private volatile NodeId self;

    @SuppressWarnings("NullAway.Init") // set by start(), before any reader; readers check the state first
    private ScheduledExecutorService scheduler;

    @SuppressWarnings("NullAway.Init") // set by start(), before any reader; readers check the state first
    private GossipEngine engine;

    @SuppressWarnings("NullAway.Init") // set by start(), before any reader; readers check the state first
    private ScheduledFuture<?> tick;
    /** Whether a task to send frames held for the linger is scheduled (under the lock). */
    private boolean lingerScheduled;

    DefaultGossipNode(
            GossipConfig config,
            Transport transport,
            Codec codec,
            MembershipProvider membership,
            RandomGenerator random,
            LongSupplier nanoClock,
            @Nullable ScheduledExecutorService scheduler,
            ErrorHandler errorHandler) {
        this.config = config;
        this.transport = transport;
        this.codec = codec;
        this.membershipProvider = membership;
        this.random = random;
        this.nanoClock = nanoClock;
        this.suppliedScheduler = scheduler;
        this.errorHandler = errorHandler;
    }

    @Override
    public NodeId id() {
        NodeId id = self;
        if (id == null) {
            throw new IllegalStateException("the node's id is known once start() has bound the transport");
        }
        return id;
    }

    @Override
    public void start() {
        RuntimeException failure = null;
        lock.lock();
        try {
            if (state != NodeSnapshot.State.NEW) {
                throw new IllegalStateException("start() was already called; the node is " + state);
            }
            try {
                self = new NodeId(transport.start(new Receiver()));
                scheduler = suppliedScheduler != null ? suppliedScheduler : ownScheduler(self);
                engine = new GossipEngine(
                        config, self, codec, membershipProvider, random, nanoClock, new Outbound(), new Events());
                long period = config.tickInterval().toNanos();
                tick = scheduler.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.NANOSECONDS);
                state = NodeSnapshot.State.RUNNING;
            } catch (RuntimeException e) {
                // A node that failed to start is closed; its resources are released below.
                state = NodeSnapshot.State.CLOSED;
                failure = e;
            }
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            releaseResources();
            throw failure;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "gossip node started at " + self);
    }

    private static ScheduledExecutorService ownScheduler(NodeId self) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gossip-timer-" + self);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private void tick() {
        lock.lock();
        try {
            if (state == NodeSnapshot.State.RUNNING) {
                engine.onTick();
                scheduleLinger();
            }
        } catch (Throwable t) {
            // A timer task that throws is never run again: nothing may escape.
            reportError("tick", t);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Under the lock, after an input: if the engine holds frames for the linger, makes sure they
     * leave when due, whether or not another input comes first (one task at a time).
     */
    private void scheduleLinger() {
        if (lingerScheduled) {
            return;
        }
        long due = engine.lingerDue();
        if (due == Long.MAX_VALUE) {
            return;
        }
        lingerScheduled = true;
        try {
            scheduler.schedule(this::lingerDue, Math.max(0, due - nanoClock.getAsLong()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            lingerScheduled = false; // closing: the tick or close sends what is left
        }
    }

    private void lingerDue() {
        lock.lock();
        try {
            lingerScheduled = false;
            if (state == NodeSnapshot.State.RUNNING) {
                engine.onLingerDue();
                scheduleLinger();
            }
        } catch (Throwable t) {
            reportError("linger", t);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void join(List<? extends Address> seeds, Duration timeout) {
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("join() cannot wait inside a listener, which runs on the node's"
                    + " protocol thread: use joinAsync()");
        }
        CompletableFuture<Void> future = joinAsync(seeds, timeout);
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JoinException("interrupted while joining through " + seeds);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            JoinException failure = new JoinException(String.valueOf(cause.getMessage()));
            failure.initCause(cause);
            throw failure;
        }
    }

    @Override
    public CompletableFuture<Void> joinAsync(List<? extends Address> seeds, Duration timeout) {
        Objects.requireNonNull(seeds, "seeds");
        Objects.requireNonNull(timeout, "timeout");
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("seeds must name at least one address");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        lock.lock();
        try {
            checkRunning();
            List<Address> others = seeds.stream()
                    .map(a -> (Address) a)
                    .filter(a -> !a.equals(self.address()))
                    .distinct()
                    .toList();
            if (others.isEmpty() || engine.membership().isJoined()) {
                return CompletableFuture.completedFuture(null);
            }
            JoinAttempt attempt = new JoinAttempt(others, timeout);
            joins.add(attempt);
            attempt.subscribeNext(engine);
            long retry = Math.min(
                    timeout.toNanos(),
                    Math.max(
                            config.tickInterval().toNanos(),
                            config.membership().heartbeatInterval().toNanos()));
            attempt.timers(
                    scheduler.scheduleWithFixedDelay(() -> retryJoin(attempt), retry, retry, TimeUnit.NANOSECONDS),
                    scheduler.schedule(() -> endJoin(attempt), timeout.toNanos(), TimeUnit.NANOSECONDS));
            return attempt.future();
        } finally {
            lock.unlock();
        }
    }

    private void retryJoin(JoinAttempt attempt) {
        boolean joined = false;
        lock.lock();
        try {
            if (state != NodeSnapshot.State.RUNNING || attempt.isDone()) {
                return;
            }
            joined = engine.membership().isJoined();
            if (joined) {
                joins.remove(attempt);
            } else {
                attempt.subscribeNext(engine);
            }
        } catch (Throwable t) {
            reportError("join retry", t);
        } finally {
            lock.unlock();
        }
        if (joined) {
            attempt.succeed();
        }
    }

    private void endJoin(JoinAttempt attempt) {
        lock.lock();
        try {
            joins.remove(attempt);
        } finally {
            lock.unlock();
        }
        attempt.timedOut();
    }

    /** Under the lock, after a view change: hands joined attempts to the scheduler to complete. */
    private void completeJoinsIfJoined() {
        if (joins.isEmpty() || !engine.membership().isJoined()) {
            return;
        }
        List<JoinAttempt> done = List.copyOf(joins);
        joins.clear();
        try {
            scheduler.execute(() -> done.forEach(JoinAttempt::succeed));
        } catch (RejectedExecutionException e) {
            done.forEach(JoinAttempt::succeed);
        }
    }

    @Override
    public MessageId broadcast(byte[] payload) {
        return broadcast(ByteBuffer.wrap(Objects.requireNonNull(payload, "payload")));
    }

    @Override
    public MessageId broadcast(ByteBuffer payload) {
        Objects.requireNonNull(payload, "payload");
        lock.lock();
        try {
            checkRunning();
            MessageId id = engine.broadcast(payload);
            scheduleLinger();
            return id;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Registration addMessageListener(MessageListener listener) {
        return listeners.add(listener);
    }

    @Override
    public Registration addViewListener(ViewListener listener) {
        return listeners.add(listener);
    }

    @Override
    public void leave() {
        List<JoinAttempt> pending;
        lock.lock();
        try {
            if (state != NodeSnapshot.State.RUNNING) {
                return;
            }
            state = NodeSnapshot.State.LEFT;
            pending = takeJoins();
            engine.leave();
        } finally {
            lock.unlock();
        }
        pending.forEach(a -> a.fail("the node left"));
    }

    @Override
    public NodeSnapshot snapshot() {
        lock.lock();
        try {
            if (engine != null) {
                return engine.snapshot(state);
            }
            Address provisional = config.transport().advertise() != null
                    ? config.transport().advertise()
                    : config.transport().bind();
            Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
            for (DropReason reason : DropReason.values()) {
                drops.put(reason, 0L);
            }
            return new NodeSnapshot(
                    new NodeId(provisional), state, List.of(), List.of(), 1.0, 0, 0, 0, 0, 0, 0, drops, Map.of());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        List<JoinAttempt> pending;
        lock.lock();
        try {
            if (state == NodeSnapshot.State.CLOSED) {
                return;
            }
            state = NodeSnapshot.State.CLOSED;
            pending = takeJoins();
        } finally {
            lock.unlock();
        }
        pending.forEach(a -> a.fail("the node was closed"));
        // Closing the transport may wait for its receive thread, which may be waiting for the lock
        // or, when close() is called from a listener, be this very thread: release elsewhere then.
        if (lock.isHeldByCurrentThread()) {
            Thread releaser = new Thread(this::releaseResources, "gossip-close-" + self);
            releaser.setDaemon(true);
            releaser.start();
        } else {
            releaseResources();
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "gossip node closed: " + self);
    }

    private void releaseResources() {
        if (tick != null) {
            tick.cancel(false);
        }
        try {
            transport.close();
        } catch (RuntimeException e) {
            reportError("closing the transport", e);
        }
        if (suppliedScheduler == null && scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private List<JoinAttempt> takeJoins() {
        List<JoinAttempt> pending = List.copyOf(joins);
        joins.clear();
        return pending;
    }

    private void checkRunning() {
        switch (state) {
            case NEW -> throw new IllegalStateException("the node is not started: call start() first");
            case LEFT -> throw new IllegalStateException("the node has left the cluster");
            case CLOSED -> throw new IllegalStateException("the node is closed");
            default -> {}
        }
    }

    private void reportError(String context, Throwable error) {
        try {
            errorHandler.onError(context, error);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "error handler failed on an error in " + context, t);
        }
    }

    @Override
    public String toString() {
        return "GossipNode[" + (self == null ? "unbound" : self) + ", " + state + "]";
    }

    /** Transport input, serialised with everything else. */
    private final class Receiver implements Transport.Receiver {
        @Override
        public void onDatagram(Address from, ByteBuffer datagram) {
            onDatagram(from, datagram, false);
        }

        @Override
        public void onDatagram(Address from, ByteBuffer datagram, boolean more) {
            lock.lock();
            try {
                if (state == NodeSnapshot.State.RUNNING) {
                    engine.onDatagram(from, datagram, more);
                    scheduleLinger();
                } else if (engine != null) {
                    engine.onTransportDrop(from, DropReason.NOT_RUNNING);
                }
            } catch (Throwable t) {
                reportError("receiving a datagram", t);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onDrop(@Nullable Address from, DropReason reason) {
            lock.lock();
            try {
                if (engine != null) {
                    engine.onTransportDrop(from, reason);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private final class Outbound implements GossipEngine.Outbound {
        @Override
        public boolean send(Address to, ByteBuffer datagram) {
            return transport.send(to, datagram);
        }

        @Override
        public int maxDatagramBytes() {
            return Math.min(transport.maxDatagramBytes(), config.transport().maxDatagramBytes());
        }
    }

    private final class Events implements GossipEngine.Events {
        @Override
        public void onDelivery(Delivery delivery) {
            listeners.deliver(delivery);
        }

        @Override
        public void onViewChange(ViewChange change) {
            // Listeners first: when join() returns, they have seen the change that joined the node.
            try {
                listeners.viewChanged(change);
            } finally {
                completeJoinsIfJoined();
            }
        }

        @Override
        public void onError(String context, Throwable error) {
            reportError(context, error);
        }
    }
}
