package dev.gossip.transport.inmem;

import dev.gossip.OpaqueAddress;
import dev.gossip.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Which transport holds which {@code mem:} address on one network. Fresh names are
 * {@code node-<n>}, counting up per network and skipping names already bound. Thread-safe.
 */
final class AddressTable {

    private final String networkName;
    private final Map<OpaqueAddress, InMemoryTransport> bound = new ConcurrentHashMap<>();
    private final AtomicLong nextNode = new AtomicLong();

    AddressTable(String networkName) {
        this.networkName = networkName;
    }

    /**
     * @param requested the address asked for, or {@code null} for a fresh one
     * @return the address now bound to {@code transport}
     * @throws TransportException if {@code requested} is taken
     */
    OpaqueAddress bind(InMemoryTransport transport, @Nullable OpaqueAddress requested) {
        if (requested != null) {
            if (bound.putIfAbsent(requested, transport) != null) {
                throw new TransportException(requested + " is already bound on network " + networkName);
            }
            return requested;
        }
        OpaqueAddress address;
        do {
            address = OpaqueAddress.of(InMemoryTransport.SCHEME, "node-" + nextNode.incrementAndGet());
        } while (bound.putIfAbsent(address, transport) != null);
        return address;
    }

    void unbind(OpaqueAddress address, InMemoryTransport transport) {
        bound.remove(address, transport);
    }

    @Nullable
    InMemoryTransport get(OpaqueAddress address) {
        return bound.get(address);
    }

    int size() {
        return bound.size();
    }

    /** Unbinds everything and returns what was bound. */
    List<InMemoryTransport> clear() {
        List<InMemoryTransport> all = new ArrayList<>(bound.values());
        bound.clear();
        return all;
    }
}
