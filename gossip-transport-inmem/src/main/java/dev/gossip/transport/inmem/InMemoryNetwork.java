package dev.gossip.transport.inmem;

import dev.gossip.Address;
import dev.gossip.IpAddress;
import dev.gossip.OpaqueAddress;
import dev.gossip.TransportConfig;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A network of {@link InMemoryTransport}s inside one JVM: an address table, one or more daemon
 * dispatcher threads with bounded, time-ordered queues, counters, a seeded {@link FaultPlan} (loss,
 * delay and jitter, duplication, reordering, partitions) and node faults ({@link #crash},
 * {@link #pause}, {@link #resume}, {@link #restart}). Thread-safe.
 *
 * <pre>{@code
 * try (InMemoryNetwork network = InMemoryNetwork.create()) {
 *     // start nodes with new InMemoryTransportProvider(network) ...
 *     network.setFaultPlan(FaultPlan.builder(seed).loss(0.3).build());
 *     network.crash(OpaqueAddress.of("mem", "n7"));      // n7 hears and says nothing
 *     network.pause(OpaqueAddress.of("mem", "n8"));      // n8's traffic waits ...
 *     network.resume(OpaqueAddress.of("mem", "n8"));     // ... and flows again
 *     network.restart(OpaqueAddress.of("mem", "n7"));    // n7 is reachable again
 * }
 * }</pre>
 *
 * <p>Cost: a transport is a few small objects and no thread, so thousands of nodes can share a
 * network; a send copies its bytes into one new array, a delivery copies them into the
 * dispatcher's reused buffer.
 *
 * <p>Networks come from {@link #create()} or {@link #builder()} (private to their creator), or by
 * name from {@link #named(String)} (process-wide; {@link #shared()} is the one named
 * {@value #SHARED_NAME}, which {@link InMemoryTransportProvider} uses unless the transport config
 * has the property {@value #NETWORK_PROPERTY}). Closing a network closes its transports and
 * dispatchers and frees its name: the next {@code named} call gets a fresh network.
 */
public final class InMemoryNetwork implements AutoCloseable {

    /** Name of the network {@link #shared()} returns. */
    public static final String SHARED_NAME = "shared";
    /** Transport config property naming the network {@link InMemoryTransportProvider} uses. */
    public static final String NETWORK_PROPERTY = "inmem.network";
    /** Default {@link Builder#queueCapacity(int)}. */
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    /** Default {@link Builder#dispatchers(int)}. */
    public static final int DEFAULT_DISPATCHERS = 1;

    private static final Map<String, InMemoryNetwork> NAMED = new ConcurrentHashMap<>();
    private static final AtomicLong UNNAMED = new AtomicLong();
    private static final long JOIN_MILLIS = 5_000;

    private final String name;
    private final boolean registered;
    private final AddressTable endpoints;
    private final NetworkCounters counters = new NetworkCounters();
    private final Dispatcher[] dispatchers;
    private final Object lifecycle = new Object();
    private final Object faultLock = new Object();
    private volatile FaultPlan faultPlan = FaultPlan.NONE;
    private RandomGenerator faultRandom = new SplittableRandom(0); // guarded by faultLock
    private volatile boolean closed;
    private final long epoch = System.nanoTime();
    private final AtomicLong sequence = new AtomicLong();
    private final NodeStates nodeStates;

    /**
     * A counters snapshot, each value counted since the network was created.
     *
     * @param sent datagrams accepted by {@code send} ({@code true} returned), including those lost
     *     later
     * @param delivered datagrams handed to a receiver, duplicates included
     * @param duplicated second copies the fault plan made
     * @param receiverErrors receiver calls that threw (the datagram counts as delivered)
     * @param inFlight datagrams queued or being dispatched now (delayed ones included); 0 when the
     *     network is quiet
     * @param held datagrams held for or from paused addresses now, not in flight
     * @param drops datagrams not delivered, by cause, every cause present
     */
    public record Stats(
            long sent,
            long delivered,
            long duplicated,
            long receiverErrors,
            long inFlight,
            long held,
            Map<DropCause, Long> drops) {

        /**
         * Copies {@code drops}, keeping the causes in declaration order.
         *
         * @param sent see {@link #sent()}
         * @param delivered see {@link #delivered()}
         * @param duplicated see {@link #duplicated()}
         * @param receiverErrors see {@link #receiverErrors()}
         * @param inFlight see {@link #inFlight()}
         * @param held see {@link #held()}
         * @param drops see {@link #drops()}
         */
        public Stats {
            Map<DropCause, Long> copy = new EnumMap<>(DropCause.class);
            copy.putAll(drops);
            drops = Collections.unmodifiableMap(copy);
        }

        /**
         * @param cause a cause
         * @return how many datagrams were dropped for it
         */
        public long dropped(DropCause cause) {
            return drops.getOrDefault(cause, 0L);
        }
    }

    private InMemoryNetwork(String name, boolean registered, int queueCapacity, int dispatcherCount) {
        this.name = name;
        this.registered = registered;
        this.endpoints = new AddressTable(name);
        this.nodeStates = new NodeStates(counters, queueCapacity);
        this.dispatchers = new Dispatcher[dispatcherCount];
        for (int i = 0; i < dispatcherCount; i++) {
            dispatchers[i] = new Dispatcher(this, counters, queueCapacity, "gossip-inmem-" + name + "-" + i);
        }
    }

    private InMemoryNetwork started() {
        for (Dispatcher dispatcher : dispatchers) {
            dispatcher.start();
        }
        return this;
    }

    /** @return a new private network with default settings */
    public static InMemoryNetwork create() {
        return builder().build();
    }

    /** @return a builder for a private network */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the open process-wide network of this name, creating it (with default settings) if
     * there is none.
     *
     * @param name the network's name, not empty
     * @return the network
     */
    public static InMemoryNetwork named(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a network name must not be empty");
        }
        return NAMED.compute(
                name,
                (key, existing) -> existing != null && !existing.closed
                        ? existing
                        : new InMemoryNetwork(key, true, DEFAULT_QUEUE_CAPACITY, DEFAULT_DISPATCHERS).started());
    }

    /** @return the process-wide network named {@value #SHARED_NAME} */
    public static InMemoryNetwork shared() {
        return named(SHARED_NAME);
    }

    /** @return this network's name (for an unnamed one, a generated {@code net-<n>}) */
    public String name() {
        return name;
    }

    /**
     * Creates a transport on this network, not yet started.
     *
     * @param config the settings: the bind address (see {@link InMemoryTransport}) and
     *     {@code maxDatagramBytes} are used; buffer sizes and the advertised address do not apply
     * @return the transport
     * @throws IllegalArgumentException if the bind address is opaque with a scheme other than
     *     {@code mem}
     * @throws IllegalStateException if this network is closed
     */
    public InMemoryTransport transport(TransportConfig config) {
        Objects.requireNonNull(config, "config");
        checkOpen();
        OpaqueAddress requested;
        if (config.bind() instanceof OpaqueAddress opaque) {
            if (!opaque.scheme().equals(InMemoryTransport.SCHEME)) {
                throw new IllegalArgumentException("the inmem transport binds mem:<name>, mem: for a"
                        + " fresh name, or any IP address for a fresh name; bind was " + opaque);
            }
            requested = opaque.valueLength() == 0 ? null : opaque;
        } else if (config.bind() instanceof IpAddress) {
            requested = null;
        } else {
            throw new IllegalArgumentException("unsupported bind address " + config.bind());
        }
        return new InMemoryTransport(this, requested, config.maxDatagramBytes());
    }

    /**
     * Installs a fault plan for every datagram sent from now on, and reseeds the random draws
     * with its seed.
     *
     * @param plan the plan; {@link FaultPlan#NONE} heals everything
     */
    public void setFaultPlan(FaultPlan plan) {
        Objects.requireNonNull(plan, "plan");
        synchronized (faultLock) {
            faultRandom = new SplittableRandom(plan.seed());
            faultPlan = plan;
        }
    }

    /** @return the fault plan in force */
    public FaultPlan faultPlan() {
        return faultPlan;
    }

    /**
     * Crashes a node: from now on every datagram it sends and every datagram due for it is dropped
     * ({@link DropCause#CRASHED}), and its receiver is not called; datagrams it sent before are
     * still delivered. The transport stays bound, and the node's own code runs on unaware. Lasts
     * until {@link #restart}. An address nobody holds may be crashed too.
     *
     * @param address a {@code mem:} address
     */
    public void crash(Address address) {
        nodeStates.crash(mem(address));
    }

    /**
     * Brings a crashed or paused node back up: it sends and receives again. Datagrams held by a
     * pause are dropped ({@link DropCause#CRASHED}), as a restarted process loses its socket
     * buffers; what was sent while it was crashed is lost. To restart with fresh state, close the
     * node, then bind a new transport to the same address. A no-op for a node that is up.
     *
     * @param address a {@code mem:} address
     */
    public void restart(Address address) {
        nodeStates.restart(mem(address));
    }

    /**
     * Pauses a node, as a long garbage-collection pause or a stopped process would: datagrams it
     * sends and datagrams due for it are held (up to the queue capacity, beyond it dropped as
     * {@link DropCause#QUEUE_FULL}) and delivered, in order, when it {@link #resume resumes}.
     *
     * @param address a {@code mem:} address
     */
    public void pause(Address address) {
        nodeStates.pause(mem(address));
    }

    /**
     * Resumes a paused node: what was held for it and from it is delivered now, in the order held.
     * A no-op for a node that is not paused.
     *
     * @param address a {@code mem:} address
     */
    public void resume(Address address) {
        for (Envelope envelope : nodeStates.resume(mem(address))) {
            enqueue(envelope);
        }
    }

    /**
     * @param address a {@code mem:} address
     * @return {@code true} if it is crashed (until {@link #restart})
     */
    public boolean isCrashed(Address address) {
        return nodeStates.isCrashed(mem(address));
    }

    /**
     * @param address a {@code mem:} address
     * @return {@code true} if it is paused (until {@link #resume} or {@link #restart})
     */
    public boolean isPaused(Address address) {
        return nodeStates.isPaused(mem(address));
    }

    private static OpaqueAddress mem(Address address) {
        Objects.requireNonNull(address, "address");
        if (!(address instanceof OpaqueAddress opaque) || !opaque.scheme().equals(InMemoryTransport.SCHEME)) {
            throw new IllegalArgumentException("not a mem: address: " + address);
        }
        return opaque;
    }

    /** @return the counters so far; a new snapshot on each call */
    public Stats stats() {
        return counters.snapshot();
    }

    /** @return {@code true} once {@link #close()} has been called */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes every transport on this network, stops the dispatchers (waiting for them unless called
     * from one), counts still-queued datagrams as {@link DropCause#DISCARDED_ON_CLOSE} and, for a
     * named network, frees the name. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (registered) {
            NAMED.remove(name, this);
        }
        for (InMemoryTransport transport : endpoints.clear()) {
            transport.closedByNetwork();
        }
        for (Dispatcher dispatcher : dispatchers) {
            dispatcher.stop(JOIN_MILLIS);
        }
    }

    @Override
    public String toString() {
        return "InMemoryNetwork[" + name + ", " + endpoints.size() + " bound" + (closed ? ", closed]" : "]");
    }

    OpaqueAddress bind(InMemoryTransport transport, @Nullable OpaqueAddress requested) {
        checkOpen();
        OpaqueAddress address = endpoints.bind(transport, requested);
        if (closed) { // closed while binding: undo, so close never misses this transport
            endpoints.unbind(address, transport);
            throw new IllegalStateException("network " + name + " is closed");
        }
        return address;
    }

    void unbind(OpaqueAddress address, InMemoryTransport transport) {
        endpoints.unbind(address, transport);
    }

    @Nullable
    InMemoryTransport endpoint(OpaqueAddress address) {
        return endpoints.get(address);
    }

    boolean send(OpaqueAddress from, Address to, ByteBuffer datagram) {
        if (!(to instanceof OpaqueAddress destination) || !destination.scheme().equals(InMemoryTransport.SCHEME)) {
            counters.drop(DropCause.UNSUPPORTED_ADDRESS);
            return false;
        }
        if (closed) {
            counters.drop(DropCause.SENDER_CLOSED);
            return false;
        }
        if (!nodeStates.allUp() && nodeStates.isCrashed(from)) {
            counters.sent.increment();
            counters.drop(DropCause.CRASHED);
            return true; // a crashed node's datagrams go nowhere, and it cannot tell
        }
        Fate fate = decide(from, destination);
        DropCause dropped = fate.dropped();
        if (dropped != null) { // fate.isDropped()
            counters.sent.increment();
            counters.drop(dropped);
            return true; // lost in flight: the sender cannot tell
        }
        byte[] bytes = new byte[datagram.remaining()];
        datagram.get(bytes);
        long now = fate.delayNanos() > 0 || fate.hasDuplicate() ? nanoTime() : 0;
        Envelope envelope =
                new Envelope(from, destination, bytes, due(now, fate.delayNanos()), sequence.incrementAndGet());
        if (!nodeStates.admitSend(envelope)) { // held for a paused sender (or dropped)
            counters.sent.increment();
            return true;
        }
        if (!enqueue(envelope)) {
            return false;
        }
        counters.sent.increment();
        if (fate.hasDuplicate()) {
            counters.duplicated.increment();
            enqueue(new Envelope(
                    from, destination, bytes, due(now, fate.duplicateDelayNanos()), sequence.incrementAndGet()));
        }
        return true;
    }

    private static long due(long now, long delayNanos) {
        return delayNanos == 0 ? 0 : now + delayNanos;
    }

    /** Queues an envelope with its destination's dispatcher; a full queue counts a drop. */
    private boolean enqueue(Envelope envelope) {
        counters.inFlight.incrementAndGet();
        if (!dispatchers[Math.floorMod(envelope.to().hashCode(), dispatchers.length)].offer(envelope)) {
            counters.inFlight.decrementAndGet();
            counters.drop(DropCause.QUEUE_FULL);
            return false;
        }
        return true;
    }

    private Fate decide(OpaqueAddress from, OpaqueAddress to) {
        FaultPlan plan = faultPlan;
        if (plan.isEmpty()) {
            return Fate.DELIVER_NOW;
        }
        synchronized (faultLock) {
            return faultPlan.decide(from, to, faultRandom);
        }
    }

    /** @return nanoseconds since this network was created: the clock of due times, never negative */
    long nanoTime() {
        return System.nanoTime() - epoch;
    }

    NodeStates nodeStates() {
        return nodeStates;
    }

    NetworkCounters counters() {
        return counters;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("network " + name + " is closed");
        }
    }

    /** Builds a private {@link InMemoryNetwork}; every setter returns {@code this}. Not thread-safe. */
    public static final class Builder {
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int dispatchers = DEFAULT_DISPATCHERS;

        private Builder() {}

        /**
         * @param capacity datagrams each dispatcher queues before sends are refused with
         *     {@link DropCause#QUEUE_FULL}, at least 1. Default {@value #DEFAULT_QUEUE_CAPACITY}.
         * @return this
         */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1, was " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * @param count dispatcher threads, 1 to 64; each destination is served by one of them, so
         *     delivery to one node stays in send order. Default {@value #DEFAULT_DISPATCHERS}.
         * @return this
         */
        public Builder dispatchers(int count) {
            if (count < 1 || count > 64) {
                throw new IllegalArgumentException("dispatchers must be in 1..64, was " + count);
            }
            this.dispatchers = count;
            return this;
        }

        /** @return a new network, its dispatchers running */
        public InMemoryNetwork build() {
            return new InMemoryNetwork("net-" + UNNAMED.incrementAndGet(), false, queueCapacity, dispatchers).started();
        }
    }
}
