package dev.gossip;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything that configures one gossip node. Immutable; validated on construction. Runtime
 * resources (sockets, threads, clocks, random sources) are not configuration: they are given to
 * the node builder in {@code gossip-core}.
 *
 * <p>Start from a preset, {@link #lan()}, {@link #local()} or {@link #wan()}, and change what you
 * need with {@link #toBuilder()}.
 *
 * @param transport transport settings (bind and advertised address, datagram and buffer sizes)
 * @param membership membership protocol settings (SCAMP's {@code c}, heartbeats, loop guard)
 * @param transportProvider name of the {@code TransportProvider} to use, or {@code null} to use the
 *     only one on the class path (several without a choice is an error). Ours: {@code udp},
 *     {@code inmem}.
 * @param codecProvider name of the {@code CodecProvider}, or {@code null} for the only one found
 *     (ours: {@code binary})
 * @param membershipProvider name of the {@code MembershipProvider}, or {@code null} for the only one
 *     found (ours: {@code scamp})
 * @param maxPayloadBytes largest payload {@code broadcast} accepts, in bytes. Default
 *     {@value #DEFAULT_MAX_PAYLOAD_BYTES}. The encoded frame (payload plus about 50 bytes of header)
 *     must also fit {@link TransportConfig#maxDatagramBytes()}; either limit fails the call with
 *     {@link PayloadTooLargeException}, never truncation.
 * @param dedupCapacity how many recent message ids each node remembers to recognise duplicates.
 *     Default {@value #DEFAULT_DEDUP_CAPACITY} (about 48 bytes each at full size, 3 MiB; the
 *     set starts small and grows only as ids arrive). A duplicate that arrives after
 *     its id was evicted is delivered again, so size it above the number of messages a node sees
 *     within the longest time a copy can wander (a few network round trips).
 * @param tickInterval the period of the protocol timer that drives heartbeats and timeouts. Default
 *     {@value #DEFAULT_TICK_MILLIS} ms; timeouts are as precise as this.
 * @param deliverOwnMessages whether a node's own broadcasts are also delivered to its listeners.
 *     Default {@code false}.
 * @param properties free-form settings for custom providers, by name; never {@code null}, copied
 * @param rateLimit per-sender limits on membership messages; default {@link RateLimitConfig#defaults()}
 * @param antiEntropy periodic digest exchange that repairs lost messages; default {@link
 *     AntiEntropyConfig#defaults()} (every second; 500 ms in {@link #local()}, 5 s in {@link #wan()})
 * @param dissemination how broadcasts spread: eager/lazy push trees (default, {@link
 *     DisseminationConfig#tree()}) or the paper's flood ({@link DisseminationConfig#flood()}), and
 *     the frame bundling both use
 */
public record GossipConfig(
        TransportConfig transport,
        MembershipConfig membership,
        @Nullable String transportProvider,
        @Nullable String codecProvider,
        @Nullable String membershipProvider,
        int maxPayloadBytes,
        int dedupCapacity,
        Duration tickInterval,
        boolean deliverOwnMessages,
        Map<String, String> properties,
        RateLimitConfig rateLimit,
        AntiEntropyConfig antiEntropy,
        DisseminationConfig dissemination) {

    /** Default {@link #maxPayloadBytes()}. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024;
    /** Default {@link #dedupCapacity()}. */
    public static final int DEFAULT_DEDUP_CAPACITY = 65_536;
    /** Default {@link #tickInterval()}, in milliseconds. */
    public static final long DEFAULT_TICK_MILLIS = 100;

    /**
     * Validates every component.
     *
     * @param transport see {@link #transport()}
     * @param membership see {@link #membership()}
     * @param transportProvider see {@link #transportProvider()}
     * @param codecProvider see {@link #codecProvider()}
     * @param membershipProvider see {@link #membershipProvider()}
     * @param maxPayloadBytes see {@link #maxPayloadBytes()}
     * @param dedupCapacity see {@link #dedupCapacity()}
     * @param tickInterval see {@link #tickInterval()}
     * @param deliverOwnMessages see {@link #deliverOwnMessages()}
     * @param properties see {@link #properties()}
     * @param rateLimit see {@link #rateLimit()}
     * @param antiEntropy see {@link #antiEntropy()}
     * @param dissemination see {@link #dissemination()}
     * @throws NullPointerException if a required component is {@code null}
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public GossipConfig {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(antiEntropy, "antiEntropy");
        Objects.requireNonNull(dissemination, "dissemination");
        Checks.range("maxPayloadBytes", maxPayloadBytes, 0, TransportConfig.MAX_DATAGRAM_BYTES);
        Checks.range("dedupCapacity", dedupCapacity, 16, 1 << 26);
        Checks.positive("tickInterval", tickInterval);
        properties = Map.copyOf(properties);
    }

    /**
     * The constructor before rate limits and anti-entropy existed: both at their defaults
     * ({@link RateLimitConfig#defaults()}, {@link AntiEntropyConfig#defaults()}).
     *
     * @param transport see {@link #transport()}
     * @param membership see {@link #membership()}
     * @param transportProvider see {@link #transportProvider()}
     * @param codecProvider see {@link #codecProvider()}
     * @param membershipProvider see {@link #membershipProvider()}
     * @param maxPayloadBytes see {@link #maxPayloadBytes()}
     * @param dedupCapacity see {@link #dedupCapacity()}
     * @param tickInterval see {@link #tickInterval()}
     * @param deliverOwnMessages see {@link #deliverOwnMessages()}
     * @param properties see {@link #properties()}
     */
    public GossipConfig(
            TransportConfig transport,
            MembershipConfig membership,
            String transportProvider,
            String codecProvider,
            String membershipProvider,
            int maxPayloadBytes,
            int dedupCapacity,
            Duration tickInterval,
            boolean deliverOwnMessages,
            Map<String, String> properties) {
        this(
                transport,
                membership,
                transportProvider,
                codecProvider,
                membershipProvider,
                maxPayloadBytes,
                dedupCapacity,
                tickInterval,
                deliverOwnMessages,
                properties,
                RateLimitConfig.defaults(),
                AntiEntropyConfig.defaults());
    }

    /**
     * The constructor before the dissemination choice existed: {@link DisseminationConfig#defaults()}.
     *
     * @param transport see {@link #transport()}
     * @param membership see {@link #membership()}
     * @param transportProvider see {@link #transportProvider()}
     * @param codecProvider see {@link #codecProvider()}
     * @param membershipProvider see {@link #membershipProvider()}
     * @param maxPayloadBytes see {@link #maxPayloadBytes()}
     * @param dedupCapacity see {@link #dedupCapacity()}
     * @param tickInterval see {@link #tickInterval()}
     * @param deliverOwnMessages see {@link #deliverOwnMessages()}
     * @param properties see {@link #properties()}
     * @param rateLimit see {@link #rateLimit()}
     * @param antiEntropy see {@link #antiEntropy()}
     */
    public GossipConfig(
            TransportConfig transport,
            MembershipConfig membership,
            String transportProvider,
            String codecProvider,
            String membershipProvider,
            int maxPayloadBytes,
            int dedupCapacity,
            Duration tickInterval,
            boolean deliverOwnMessages,
            Map<String, String> properties,
            RateLimitConfig rateLimit,
            AntiEntropyConfig antiEntropy) {
        this(
                transport,
                membership,
                transportProvider,
                codecProvider,
                membershipProvider,
                maxPayloadBytes,
                dedupCapacity,
                tickInterval,
                deliverOwnMessages,
                properties,
                rateLimit,
                antiEntropy,
                DisseminationConfig.defaults());
    }

    /**
     * @return the LAN preset: every default (bind {@value TransportConfig#DEFAULT_BIND}), anti-entropy
     *     every second
     */
    public static GossipConfig lan() {
        return builder().build();
    }

    /**
     * @return the local preset for one machine and tests: bind 127.0.0.1 on a free port, heartbeats
     *     every 200 ms, isolation after 1 s, ticks every 20 ms, anti-entropy every 500 ms
     */
    public static GossipConfig local() {
        return builder()
                .transport(TransportConfig.builder().bind("127.0.0.1:0").build())
                .membership(MembershipConfig.builder()
                        .heartbeatInterval(Duration.ofMillis(200))
                        .isolationTimeout(Duration.ofSeconds(1))
                        .build())
                .tickInterval(Duration.ofMillis(20))
                .dissemination(DisseminationConfig.tree().withTimers(Duration.ofMillis(20), Duration.ofMillis(60)))
                .antiEntropy(AntiEntropyConfig.every(Duration.ofMillis(500)))
                .build();
    }

    /**
     * @return the WAN preset: datagrams of at most 1,200 bytes (safe on paths with tunnels),
     *     heartbeats every 5 s, isolation after 30 s, c = 2, tree announcements batched for 250 ms
     *     and grafts after 750 ms, anti-entropy every 5 s
     */
    public static GossipConfig wan() {
        return builder()
                .transport(TransportConfig.builder().maxDatagramBytes(1200).build())
                .membership(MembershipConfig.builder()
                        .c(2)
                        .heartbeatInterval(Duration.ofSeconds(5))
                        .isolationTimeout(Duration.ofSeconds(30))
                        .build())
                .maxPayloadBytes(1024)
                .tickInterval(Duration.ofMillis(250))
                .dissemination(DisseminationConfig.tree().withTimers(Duration.ofMillis(250), Duration.ofMillis(750)))
                .antiEntropy(AntiEntropyConfig.every(Duration.ofSeconds(5)))
                .build();
    }

    /** @return a builder with every default (the LAN preset) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        return new Builder()
                .transport(transport)
                .membership(membership)
                .transportProvider(transportProvider)
                .codecProvider(codecProvider)
                .membershipProvider(membershipProvider)
                .maxPayloadBytes(maxPayloadBytes)
                .dedupCapacity(dedupCapacity)
                .tickInterval(tickInterval)
                .deliverOwnMessages(deliverOwnMessages)
                .properties(properties)
                .rateLimit(rateLimit)
                .antiEntropy(antiEntropy)
                .dissemination(dissemination);
    }

    /** Builds a {@link GossipConfig}; every setter returns {@code this}. Not thread-safe. */
    public static final class Builder {
        private TransportConfig transport = TransportConfig.builder().build();
        private MembershipConfig membership = MembershipConfig.defaults();
        private @Nullable String transportProvider;
        private @Nullable String codecProvider;
        private @Nullable String membershipProvider;
        private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
        private int dedupCapacity = DEFAULT_DEDUP_CAPACITY;
        private Duration tickInterval = Duration.ofMillis(DEFAULT_TICK_MILLIS);
        private boolean deliverOwnMessages;
        private Map<String, String> properties = Map.of();
        private RateLimitConfig rateLimit = RateLimitConfig.defaults();
        private AntiEntropyConfig antiEntropy = AntiEntropyConfig.defaults();
        private DisseminationConfig dissemination = DisseminationConfig.defaults();

        private Builder() {}

        /**
         * @param transport see {@link GossipConfig#transport()}
         * @return this
         */
        public Builder transport(TransportConfig transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * @param membership see {@link GossipConfig#membership()}
         * @return this
         */
        public Builder membership(MembershipConfig membership) {
            this.membership = Objects.requireNonNull(membership, "membership");
            return this;
        }

        /**
         * @param name see {@link GossipConfig#transportProvider()}; {@code null} for automatic
         * @return this
         */
        public Builder transportProvider(@Nullable String name) {
            this.transportProvider = name;
            return this;
        }

        /**
         * @param name see {@link GossipConfig#codecProvider()}; {@code null} for automatic
         * @return this
         */
        public Builder codecProvider(@Nullable String name) {
            this.codecProvider = name;
            return this;
        }

        /**
         * @param name see {@link GossipConfig#membershipProvider()}; {@code null} for automatic
         * @return this
         */
        public Builder membershipProvider(@Nullable String name) {
            this.membershipProvider = name;
            return this;
        }

        /**
         * @param bytes see {@link GossipConfig#maxPayloadBytes()}
         * @return this
         */
        public Builder maxPayloadBytes(int bytes) {
            this.maxPayloadBytes = Checks.range("maxPayloadBytes", bytes, 0, TransportConfig.MAX_DATAGRAM_BYTES);
            return this;
        }

        /**
         * @param capacity see {@link GossipConfig#dedupCapacity()}
         * @return this
         */
        public Builder dedupCapacity(int capacity) {
            this.dedupCapacity = Checks.range("dedupCapacity", capacity, 16, 1 << 26);
            return this;
        }

        /**
         * @param interval see {@link GossipConfig#tickInterval()}
         * @return this
         */
        public Builder tickInterval(Duration interval) {
            this.tickInterval = Checks.positive("tickInterval", interval);
            return this;
        }

        /**
         * @param deliver see {@link GossipConfig#deliverOwnMessages()}
         * @return this
         */
        public Builder deliverOwnMessages(boolean deliver) {
            this.deliverOwnMessages = deliver;
            return this;
        }

        /**
         * @param properties see {@link GossipConfig#properties()}
         * @return this
         */
        public Builder properties(Map<String, String> properties) {
            this.properties = Map.copyOf(properties);
            return this;
        }

        /**
         * @param limits see {@link GossipConfig#rateLimit()}
         * @return this
         */
        public Builder rateLimit(RateLimitConfig limits) {
            this.rateLimit = Objects.requireNonNull(limits, "rateLimit");
            return this;
        }

        /**
         * @param config see {@link GossipConfig#antiEntropy()}
         * @return this
         */
        public Builder antiEntropy(AntiEntropyConfig config) {
            this.antiEntropy = Objects.requireNonNull(config, "antiEntropy");
            return this;
        }

        /**
         * @param config see {@link GossipConfig#dissemination()}
         * @return this
         */
        public Builder dissemination(DisseminationConfig config) {
            this.dissemination = Objects.requireNonNull(config, "dissemination");
            return this;
        }

        /**
         * @param mode see {@link DisseminationConfig#mode()}; the timers stay as they are
         * @return this
         */
        public Builder dissemination(DisseminationConfig.Mode mode) {
            this.dissemination = dissemination.withMode(Objects.requireNonNull(mode, "dissemination mode"));
            return this;
        }

        /** @return the validated config */
        public GossipConfig build() {
            return new GossipConfig(
                    transport,
                    membership,
                    transportProvider,
                    codecProvider,
                    membershipProvider,
                    maxPayloadBytes,
                    dedupCapacity,
                    tickInterval,
                    deliverOwnMessages,
                    properties,
                    rateLimit,
                    antiEntropy,
                    dissemination);
        }
    }
}
