package dev.gossip.it;

import dev.gossip.TransportConfig;
import dev.gossip.spi.Transport;
import dev.gossip.spi.TransportProvider;

/**
 * A transport provider written the way a user would write one, against the SPI alone, and
 * registered in this module's {@code META-INF/services/dev.gossip.spi.TransportProvider}. Its
 * transports pass datagrams through in-JVM queues, with addresses of their own scheme,
 * {@code loop:n1}, {@code loop:n2}, ...
 */
public final class LoopbackTransportProvider implements TransportProvider {

    /** The provider's name, to select it with {@code GossipConfig.transportProvider}. */
    public static final String NAME = "loopback";

    /** Called by ServiceLoader. */
    public LoopbackTransportProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Transport create(TransportConfig config) {
        return new LoopbackTransport(config.maxDatagramBytes());
    }
}
