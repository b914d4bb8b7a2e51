package dev.gossip.transport.udp;

import dev.gossip.TransportConfig;
import dev.gossip.spi.Transport;
import dev.gossip.spi.TransportProvider;

/** Finds {@link UdpTransport} for {@link java.util.ServiceLoader} under the name {@value #NAME}. */
public final class UdpTransportProvider implements TransportProvider {

    /** This provider's {@link #name()}. */
    public static final String NAME = "udp";

    /** For {@link java.util.ServiceLoader}. */
    public UdpTransportProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException see {@link UdpTransport#UdpTransport(TransportConfig)}
     */
    @Override
    public Transport create(TransportConfig config) {
        return new UdpTransport(config);
    }
}
