package dev.gossip.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.IpAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SenderCacheTest {

    @Test
    void aRepeatedSourceGetsTheSameAddressObject() {
        SenderCache cache = new SenderCache(4);
        InetSocketAddress source = new InetSocketAddress("127.0.0.1", 7001);

        IpAddress first = cache.get(source);
        IpAddress again = cache.get(new InetSocketAddress("127.0.0.1", 7001));

        assertThat(first).isEqualTo(IpAddress.of(source));
        assertThat(again).isSameAs(first);
        assertThat(cache.get(source)).isSameAs(first);
    }

    /** A flood of source ports cannot grow the cache past its capacity. */
    @Test
    void manySourcesStayWithinCapacityEvictingTheLeastRecentlyUsed() {
        SenderCache cache = new SenderCache(3);
        InetSocketAddress kept = new InetSocketAddress("127.0.0.1", 1);
        IpAddress keptAddress = cache.get(kept);

        for (int port = 2; port < 1000; port++) {
            cache.get(new InetSocketAddress("127.0.0.1", port));
            cache.get(new InetSocketAddress("127.0.0.1", 1)); // used again: stays
        }

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get(new InetSocketAddress("127.0.0.1", 1))).isSameAs(keptAddress);
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new SenderCache(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }
}
