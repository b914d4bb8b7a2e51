package dev.gossip.spi;

import dev.gossip.GossipConfig;

/**
 * Creates {@link Codec}s; found by {@link java.util.ServiceLoader} like {@link TransportProvider}
 * (register in {@code META-INF/services/dev.gossip.spi.CodecProvider} and {@code module-info}).
 */
public interface CodecProvider {

    /** @return a short, stable, unique name, such as {@code binary} */
    String name();

    /**
     * Creates a codec for one node.
     *
     * @param config the node's config (limits such as {@link GossipConfig#maxPayloadBytes()})
     * @return a new codec
     */
    Codec create(GossipConfig config);
}
