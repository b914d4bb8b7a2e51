package dev.gossip.transport.inmem;

import dev.gossip.TransportConfig;
import dev.gossip.spi.Transport;
import dev.gossip.spi.TransportProvider;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Finds {@link InMemoryTransport} for {@link java.util.ServiceLoader} under the name {@value #NAME}.
 * Found by ServiceLoader, it puts each transport on the network named by the config property
 * {@value InMemoryNetwork#NETWORK_PROPERTY}, or on {@link InMemoryNetwork#shared()}; constructed
 * with a network, it always uses that one.
 */
public final class InMemoryTransportProvider implements TransportProvider {

    /** This provider's {@link #name()}. */
    public static final String NAME = "inmem";

    private final @Nullable InMemoryNetwork network;

    /** For {@link java.util.ServiceLoader}: the network comes from each config. */
    public InMemoryTransportProvider() {
        this.network = null;
    }

    /**
     * A provider whose transports all go on {@code network}.
     *
     * @param network the network
     */
    public InMemoryTransportProvider(InMemoryNetwork network) {
        this.network = Objects.requireNonNull(network, "network");
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException see {@link InMemoryNetwork#transport(TransportConfig)}
     */
    @Override
    public Transport create(TransportConfig config) {
        return networkFor(config).transport(config);
    }

    private InMemoryNetwork networkFor(TransportConfig config) {
        if (network != null) {
            return network;
        }
        String name = config.properties().get(InMemoryNetwork.NETWORK_PROPERTY);
        return name == null ? InMemoryNetwork.shared() : InMemoryNetwork.named(name);
    }
}
