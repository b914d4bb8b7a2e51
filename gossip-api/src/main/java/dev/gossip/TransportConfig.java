package dev.gossip;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings every transport reads. Immutable; validated on construction.
 *
 * @param bind the address to listen on; port 0 picks a free port. Default {@value #DEFAULT_BIND}.
 * @param advertise the address other nodes use to reach this one, or {@code null} to advertise the
 *     bound address (after a port 0 is resolved). Set it when binding a wildcard address or behind
 *     NAT.
 * @param maxDatagramBytes the largest datagram the transport sends or accepts, in bytes, 64 to
 *     65,507. Default {@value #DEFAULT_MAX_DATAGRAM_BYTES}, which fits an Ethernet MTU of 1,500 with
 *     IPv6 and UDP headers and so avoids IP fragmentation; raise it only on loopback or jumbo frames.
 *     A broadcast whose encoded frame is larger fails at the call.
 * @param receiveBufferBytes the socket receive buffer to ask the OS for, in bytes. Default
 *     {@value #DEFAULT_RECEIVE_BUFFER_BYTES} (4 MiB): a burst of datagrams queues here while the
 *     receive thread works, and the OS's default (about 208 KiB on Linux) loses 2-9% of a fast
 *     burst on loopback. The OS may cap it ({@code net.core.rmem_max}).
 * @param sendBufferBytes the socket send buffer to ask the OS for, in bytes. Default
 *     {@value #DEFAULT_SEND_BUFFER_BYTES}.
 * @param properties settings for custom transports, by name; never {@code null}, copied
 */
public record TransportConfig(
        Address bind,
        @Nullable Address advertise,
        int maxDatagramBytes,
        int receiveBufferBytes,
        int sendBufferBytes,
        Map<String, String> properties) {

    /** Default bind address. */
    public static final String DEFAULT_BIND = "127.0.0.1:7946";
    /** Default {@link #maxDatagramBytes()}. */
    public static final int DEFAULT_MAX_DATAGRAM_BYTES = 1400;
    /** Smallest allowed {@link #maxDatagramBytes()}. */
    public static final int MIN_DATAGRAM_BYTES = 64;
    /** Largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM_BYTES = 65_507;
    /** Default {@link #receiveBufferBytes()}. */
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;
    /** Default {@link #sendBufferBytes()}. */
    public static final int DEFAULT_SEND_BUFFER_BYTES = 1024 * 1024;

    /**
     * Validates every component.
     *
     * @param bind see {@link #bind()}
     * @param advertise see {@link #advertise()}
     * @param maxDatagramBytes see {@link #maxDatagramBytes()}
     * @param receiveBufferBytes see {@link #receiveBufferBytes()}
     * @param sendBufferBytes see {@link #sendBufferBytes()}
     * @param properties see {@link #properties()}
     * @throws NullPointerException if {@code bind} or {@code properties} is {@code null}
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public TransportConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(properties, "properties");
        Checks.range("maxDatagramBytes", maxDatagramBytes, MIN_DATAGRAM_BYTES, MAX_DATAGRAM_BYTES);
        Checks.range("receiveBufferBytes", receiveBufferBytes, 1024, Integer.MAX_VALUE);
        Checks.range("sendBufferBytes", sendBufferBytes, 1024, Integer.MAX_VALUE);
        properties = Map.copyOf(properties);
    }

    /** @return a builder with every default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        return new Builder()
                .bind(bind)
                .advertise(advertise)
                .maxDatagramBytes(maxDatagramBytes)
                .receiveBufferBytes(receiveBufferBytes)
                .sendBufferBytes(sendBufferBytes)
                .properties(properties);
    }

    /** Builds a {@link TransportConfig}; every setter returns {@code this}. Not thread-safe. */
    public static final class Builder {
        private Address bind = Address.parse(DEFAULT_BIND);
        private @Nullable Address advertise;
        private int maxDatagramBytes = DEFAULT_MAX_DATAGRAM_BYTES;
        private int receiveBufferBytes = DEFAULT_RECEIVE_BUFFER_BYTES;
        private int sendBufferBytes = DEFAULT_SEND_BUFFER_BYTES;
        private Map<String, String> properties = Map.of();

        private Builder() {}

        /**
         * @param bind see {@link TransportConfig#bind()}
         * @return this
         */
        public Builder bind(Address bind) {
            this.bind = Objects.requireNonNull(bind, "bind");
            return this;
        }

        /**
         * @param bind parsed with {@link Address#parse(String)}
         * @return this
         */
        public Builder bind(String bind) {
            return bind(Address.parse(bind));
        }

        /**
         * @param advertise see {@link TransportConfig#advertise()}; may be {@code null}
         * @return this
         */
        public Builder advertise(@Nullable Address advertise) {
            this.advertise = advertise;
            return this;
        }

        /**
         * @param maxDatagramBytes see {@link TransportConfig#maxDatagramBytes()}
         * @return this
         */
        public Builder maxDatagramBytes(int maxDatagramBytes) {
            this.maxDatagramBytes =
                    Checks.range("maxDatagramBytes", maxDatagramBytes, MIN_DATAGRAM_BYTES, MAX_DATAGRAM_BYTES);
            return this;
        }

        /**
         * @param receiveBufferBytes see {@link TransportConfig#receiveBufferBytes()}
         * @return this
         */
        public Builder receiveBufferBytes(int receiveBufferBytes) {
            this.receiveBufferBytes = Checks.range("receiveBufferBytes", receiveBufferBytes, 1024, Integer.MAX_VALUE);
            return this;
        }

        /**
         * @param sendBufferBytes see {@link TransportConfig#sendBufferBytes()}
         * @return this
         */
        public Builder sendBufferBytes(int sendBufferBytes) {
            this.sendBufferBytes = Checks.range("sendBufferBytes", sendBufferBytes, 1024, Integer.MAX_VALUE);
            return this;
        }

        /**
         * @param properties see {@link TransportConfig#properties()}
         * @return this
         */
        public Builder properties(Map<String, String> properties) {
            this.properties = Map.copyOf(properties);
            return this;
        }

        /** @return the validated config */
        public TransportConfig build() {
            return new TransportConfig(
                    bind, advertise, maxDatagramBytes, receiveBufferBytes, sendBufferBytes, properties);
        }
    }
}
