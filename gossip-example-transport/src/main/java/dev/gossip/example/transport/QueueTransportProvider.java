package dev.gossip.example.transport;

import dev.gossip.OpaqueAddress;
import dev.gossip.TransportConfig;
import dev.gossip.spi.Transport;
import dev.gossip.spi.TransportProvider;

/**
 * Makes {@code queue} transports. ServiceLoader creates it through the public no-argument
 * constructor; nodes select it by {@link #name()}.
 */
public final class QueueTransportProvider implements TransportProvider {

    /** The provider's name, also the scheme of its addresses: {@code queue:<name>}. */
    public static final String NAME = "queue";

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException unless the bind address is {@code queue:<name>}, or
     *     {@code queue:} for a fresh name
     */
    @Override
    public Transport create(TransportConfig config) {
        if (!(config.bind() instanceof OpaqueAddress bind) || !bind.scheme().equals(NAME)) {
            throw new IllegalArgumentException(
                    "the queue transport binds queue:<name> (or queue: for a fresh name), was " + config.bind());
        }
        return new QueueTransport(bind, config.maxDatagramBytes());
    }
}
