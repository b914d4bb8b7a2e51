package dev.gossip.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.core.ErrorHandler;
import dev.gossip.core.Gossip;
import dev.gossip.core.ProviderDiscovery;
import dev.gossip.spi.CodecProvider;
import dev.gossip.spi.MembershipProvider;
import dev.gossip.spi.Transport;
import dev.gossip.spi.TransportProvider;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Binds one {@link GossipNode} and what it is built from. It only binds: no socket is opened and no
 * thread started until the application calls {@link GossipNode#start()}, and the application
 * closes the node (Guice has no shutdown hook of its own).
 *
 * <p>Bindings, each a singleton in the injector:
 * <table>
 *   <caption>bindings</caption>
 *   <tr><th>key</th><th>default</th></tr>
 *   <tr><td>{@link GossipConfig}</td><td>the config given to the constructor</td></tr>
 *   <tr><td>{@link TransportProvider}</td><td>found by {@link ProviderDiscovery#transport}</td></tr>
 *   <tr><td>{@link CodecProvider}</td><td>found by {@link ProviderDiscovery#codec}</td></tr>
 *   <tr><td>{@link MembershipProvider}</td><td>found by {@link ProviderDiscovery#membership}</td></tr>
 *   <tr><td>{@link Transport}</td><td>none: when bound, the node uses this instance and the
 *       {@code TransportProvider} is never looked up</td></tr>
 *   <tr><td>{@link ErrorHandler}</td><td>none: {@link ErrorHandler#logging()}</td></tr>
 *   <tr><td>{@link GossipNode}</td><td>built by {@link Gossip#builder} from the bindings above</td></tr>
 * </table>
 * Discovery runs when the node is first provisioned, not when the injector is created, and only for
 * what the application did not bind.
 *
 * <p>The five SPI keys are Guice {@link OptionalBinder}s with a default, so an application replaces
 * one by setting the binding in its own module, the idiom Guice documents for library defaults:
 * <pre>{@code
 * Injector injector = Guice.createInjector(new GossipModule(config), new AbstractModule() {
 *     protected void configure() {
 *         OptionalBinder.newOptionalBinder(binder(), TransportProvider.class)
 *                 .setBinding().toInstance(new MyTransportProvider());
 *     }
 * });
 * GossipNode node = injector.getInstance(GossipNode.class);
 * node.start();
 * }</pre>
 * {@code Modules.override(new GossipModule(config)).with(...)} with a plain {@code bind(...)} works
 * too, and is the way to replace the {@link GossipConfig} or the node itself.
 */
public final class GossipModule extends AbstractModule {

    private final GossipConfig config;

    /**
     * @param config the node's configuration, bound as {@link GossipConfig}
     */
    public GossipModule(GossipConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    protected void configure() {
        bind(GossipConfig.class).toInstance(config);
        discoveredByDefault(TransportProvider.class, ProviderDiscovery::transport);
        discoveredByDefault(CodecProvider.class, ProviderDiscovery::codec);
        discoveredByDefault(MembershipProvider.class, ProviderDiscovery::membership);
        OptionalBinder.newOptionalBinder(binder(), Transport.class);
        OptionalBinder.newOptionalBinder(binder(), ErrorHandler.class);
    }

    private <T> void discoveredByDefault(Class<T> type, BiFunction<GossipConfig, ClassLoader, T> discovery) {
        Provider<GossipConfig> configs = getProvider(GossipConfig.class);
        Provider<T> discovered = () -> discovery.apply(configs.get(), classLoader());
        OptionalBinder.newOptionalBinder(binder(), type)
                .setDefault()
                .toProvider(discovered)
                .in(Singleton.class);
    }

    @Provides
    @Singleton
    GossipNode gossipNode(
            GossipConfig config,
            Optional<Transport> transport,
            Provider<TransportProvider> transportProvider,
            Provider<CodecProvider> codec,
            Provider<MembershipProvider> membership,
            Optional<ErrorHandler> errorHandler) {
        Gossip.Builder builder = Gossip.builder(config)
                .classLoader(classLoader())
                .codec(codec.get())
                .membership(membership.get());
        if (transport.isPresent()) {
            builder.transport(transport.get());
        } else {
            builder.transport(transportProvider.get());
        }
        errorHandler.ifPresent(builder::errorHandler);
        return builder.build();
    }

    /** The loader ServiceLoader searches: the thread's context loader, else this module's. */
    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : GossipModule.class.getClassLoader();
    }

    @Override
    public String toString() {
        return "GossipModule[" + config.transport().bind() + "]";
    }
}
