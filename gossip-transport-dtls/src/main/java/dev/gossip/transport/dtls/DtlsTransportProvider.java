package dev.gossip.transport.dtls;

import dev.gossip.TransportConfig;
import dev.gossip.spi.Transport;
import dev.gossip.spi.TransportProvider;

/**
 * Finds {@link DtlsTransport} for {@link java.util.ServiceLoader} under the name {@value #NAME}.
 * Its settings come from {@link TransportConfig#properties()}: see {@link DtlsSettings#fromProperties}.
 */
public final class DtlsTransportProvider implements TransportProvider {

    /** This provider's {@link #name()}. */
    public static final String NAME = "dtls";

    /** For {@link java.util.ServiceLoader}. */
    public DtlsTransportProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException see {@link DtlsTransport#DtlsTransport(TransportConfig)}
     */
    @Override
    public Transport create(TransportConfig config) {
        return new DtlsTransport(config);
    }
}
