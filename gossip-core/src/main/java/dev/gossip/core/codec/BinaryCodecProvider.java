package dev.gossip.core.codec;

import dev.gossip.GossipConfig;
import dev.gossip.spi.Codec;
import dev.gossip.spi.CodecProvider;

/** Provides the default {@link BinaryCodec} under the name {@value #NAME}. */
public final class BinaryCodecProvider implements CodecProvider {

    /** This provider's name. */
    public static final String NAME = "binary";

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public BinaryCodecProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Codec create(GossipConfig config) {
        return new BinaryCodec(config);
    }
}
