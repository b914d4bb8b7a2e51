package dev.gossip.transport.udp;

import dev.gossip.IpAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps the socket address a datagram came from to the {@link IpAddress} handed to the receiver, so
 * that a steady set of peers costs no allocation per datagram. The JDK returns the same
 * {@link InetSocketAddress} instance for consecutive datagrams from one sender, which the
 * identity check catches first; interleaved peers hit the least-recently-used map. Used by the
 * receive thread only: not thread-safe.
 */
final class SenderCache {

    private final Map<InetSocketAddress, IpAddress> map;
    private @Nullable InetSocketAddress lastKey;
    private @Nullable IpAddress lastValue;

    SenderCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.map = new LinkedHashMap<>(Math.min(capacity, 64), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, IpAddress> eldest) {
                return size() > capacity;
            }
        };
    }

    IpAddress get(InetSocketAddress source) {
        if (source == lastKey && lastValue != null) {
            return lastValue;
        }
        IpAddress address = map.get(source);
        if (address == null) {
            address = IpAddress.of(source);
            map.put(source, address);
        }
        lastKey = source;
        lastValue = address;
        return address;
    }

    int size() {
        return map.size();
    }
}
