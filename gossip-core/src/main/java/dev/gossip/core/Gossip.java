package dev.gossip.core;

import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.ProviderException;
import dev.gossip.core.security.Encryption;
import dev.gossip.core.security.Keyring;
import dev.gossip.spi.CodecProvider;
import dev.gossip.spi.MembershipProvider;
import dev.gossip.spi.Transport;
import dev.gossip.spi.TransportProvider;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: builds a {@link GossipNode} from a {@link GossipConfig} and, optionally, the
 * runtime resources and providers to use.
 *
 * <pre>{@code
 * try (GossipNode node = Gossip.builder(GossipConfig.local()).build()) {
 *     node.addMessageListener(d -> System.out.println(d.origin() + " " + d.payloadBytes().length));
 *     node.start();
 *     node.join(List.of(Address.parse("127.0.0.1:7946")), Duration.ofSeconds(5));
 *     node.broadcast("hello".getBytes(StandardCharsets.UTF_8));
 * }
 * }</pre>
 */
public final class Gossip {

    private Gossip() {}

    /**
     * Starts building a node.
     *
     * @param config the node's configuration
     * @return a builder
     */
    public static Builder builder(GossipConfig config) {
        return new Builder(config);
    }

    /**
     * Collects a node's providers and runtime resources; every one is optional. Not thread-safe.
     * Providers not given are found by {@link ProviderDiscovery} when {@link #build()} runs.
     */
    public static final class Builder {
        private final GossipConfig config;
        private @Nullable TransportProvider transportProvider;
        private @Nullable Transport transport;
        private @Nullable CodecProvider codecProvider;
        private @Nullable MembershipProvider membershipProvider;
        private @Nullable ClassLoader classLoader;
        private @Nullable RandomGenerator random;
        private LongSupplier nanoClock = System::nanoTime;
        private @Nullable ScheduledExecutorService scheduler;
        private ErrorHandler errorHandler = ErrorHandler.logging();
        private @Nullable Encryption encryption;

        private Builder(GossipConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * Uses this transport provider instead of discovering one by
         * {@link GossipConfig#transportProvider()}. Replaces a {@link #transport(Transport)} given before.
         *
         * @param provider the provider
         * @return this
         */
        public Builder transport(TransportProvider provider) {
            this.transportProvider = Objects.requireNonNull(provider, "provider");
            this.transport = null;
            return this;
        }

        /**
         * Uses an application-provided transport, not yet started; the node starts and closes it.
         * Replaces a {@link #transport(TransportProvider)} given before.
         *
         * @param transport the transport
         * @return this
         */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            this.transportProvider = null;
            return this;
        }

        /**
         * @param provider the codec provider to use instead of discovering one
         * @return this
         */
        public Builder codec(CodecProvider provider) {
            this.codecProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * @param provider the membership provider to use instead of discovering one
         * @return this
         */
        public Builder membership(MembershipProvider provider) {
            this.membershipProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * @param loader the class loader {@link java.util.ServiceLoader} searches; default: the
         *     thread's context class loader, else this class's loader
         * @return this
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * @param random message ids and the membership's choices; default: a {@link SplittableRandom}
         *     seeded from {@link SecureRandom}. Used under the node's lock only.
         * @return this
         */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * @param nanoClock the protocol's monotonic clock in nanoseconds; default {@link System#nanoTime()}.
         *     Timers are still scheduled in real time, so it must advance like the real clock.
         * @return this
         */
        public Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
            return this;
        }

        /**
         * @param scheduler runs the protocol timer and join retries; default: the node's own daemon
         *     thread, shut down on close. A scheduler given here is not shut down by the node.
         * @return this
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * @param handler told of background errors; default {@link ErrorHandler#logging()}
         * @return this
         */
        public Builder errorHandler(ErrorHandler handler) {
            this.errorHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Turns on authenticated encryption: the transport (discovered, from a provider, or given)
         * is wrapped in an {@link dev.gossip.core.security.EncryptedTransport}. Every node of a
         * cluster must use it, with a common key and label. See {@code docs/security.md}.
         *
         * @param encryption the keyring and settings; {@code null} turns encryption off (default)
         * @return this
         */
        public Builder encryption(@Nullable Encryption encryption) {
            this.encryption = encryption;
            return this;
        }

        /**
         * Shorthand for {@code encryption(Encryption.of(keyring))}: encryption with no cluster label.
         *
         * @param keyring the keys; rotate them on this object while the node runs
         * @return this
         */
        public Builder keyring(Keyring keyring) {
            return encryption(Encryption.of(Objects.requireNonNull(keyring, "keyring")));
        }

        /**
         * Finds the providers not given, creates the codec and the transport, and returns a node in
         * state {@code NEW}. Binds nothing: {@link GossipNode#start()} does.
         *
         * @return the node
         * @throws ProviderException if a provider cannot be found
         * @throws IllegalArgumentException if the transport provider rejects the config
         */
        public GossipNode build() {
            ClassLoader loader = classLoader != null ? classLoader : defaultClassLoader();
            TransportProvider tp = transport != null || transportProvider != null
                    ? transportProvider
                    : ProviderDiscovery.transport(config, loader);
            CodecProvider cp = codecProvider != null ? codecProvider : ProviderDiscovery.codec(config, loader);
            MembershipProvider mp =
                    membershipProvider != null ? membershipProvider : ProviderDiscovery.membership(config, loader);
            RandomGenerator r = random != null ? random : new SplittableRandom(new SecureRandom().nextLong());
            Transport t = transport;
            if (t == null) {
                TransportProvider p = Objects.requireNonNull(tp, "tp"); // null only when a transport was given
                t = Objects.requireNonNull(
                        p.create(config.transport()), () -> "transport provider '" + p.name() + "' returned null");
            }
            if (encryption != null) {
                t = encryption.wrap(t);
            }
            return new DefaultGossipNode(config, t, cp.create(config), mp, r, nanoClock, scheduler, errorHandler);
        }

        private static ClassLoader defaultClassLoader() {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : Gossip.class.getClassLoader();
        }
    }
}
