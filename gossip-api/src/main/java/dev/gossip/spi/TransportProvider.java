package dev.gossip.spi;

import dev.gossip.TransportConfig;

/**
 * Creates {@link Transport}s; found by {@link java.util.ServiceLoader}. To plug in a transport,
 * implement this with a public no-argument constructor and register it in
 * {@code META-INF/services/dev.gossip.spi.TransportProvider} (class path) and with
 * {@code provides dev.gossip.spi.TransportProvider with ...} in your {@code module-info.java}
 * (module path). Select it with {@code GossipConfig.transportProvider(name())} when several are
 * present.
 */
public interface TransportProvider {

    /** @return a short, stable, unique name, such as {@code udp}; lower case by convention */
    String name();

    /**
     * Creates a transport, not yet started.
     *
     * @param config the transport settings
     * @return a new transport
     * @throws IllegalArgumentException if the config cannot be honoured (such as an address kind
     *     this transport does not handle)
     */
    Transport create(TransportConfig config);
}
