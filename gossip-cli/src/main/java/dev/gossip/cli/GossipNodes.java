package dev.gossip.cli;

import dev.gossip.GossipConfig;
import dev.gossip.GossipNode;
import dev.gossip.core.Gossip;
import dev.gossip.core.security.Encryption;
import dev.gossip.spi.Transport;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * Builds nodes for the commands, exactly as a library user would, through
 * {@link Gossip#builder(GossipConfig)}: the providers (udp or inmem transport, binary codec, SCAMP)
 * are found on the class path by name.
 */
@Singleton
final class GossipNodes {

    private final @Nullable Encryption encryption;

    /** Nodes without encryption. */
    @Inject
    GossipNodes() {
        this(null);
    }

    private GossipNodes(@Nullable Encryption encryption) {
        this.encryption = encryption;
    }

    /**
     * @param encryption the AES-GCM settings every node built gets, or {@code null} for none
     * @return a builder of nodes like this one's, with that encryption
     */
    GossipNodes withEncryption(@Nullable Encryption encryption) {
        return new GossipNodes(encryption);
    }

    /**
     * Builds a node that uses its own timer thread and a random source seeded from the system.
     *
     * @param config the node's config
     * @return the node, not started
     */
    GossipNode create(GossipConfig config) {
        return create(config, null);
    }

    /**
     * Builds a node as {@link #create(GossipConfig)} does, over a transport the caller built and
     * keeps (to read its counters).
     *
     * @param config the node's config
     * @param transport the node's transport, not started; {@code null} to find it by provider name
     * @return the node, not started
     */
    GossipNode create(GossipConfig config, @Nullable Transport transport) {
        Gossip.Builder builder = Gossip.builder(config).classLoader(GossipNodes.class.getClassLoader());
        if (encryption != null) { // not set is off, as encryption(null) is
            builder.encryption(encryption);
        }
        if (transport != null) {
            builder.transport(transport);
        }
        return builder.build();
    }

    /**
     * Builds a node with a seeded random source and a shared timer, as the demo runs many.
     *
     * @param config the node's config
     * @param seed the seed of the node's random source
     * @param scheduler the timer shared by the demo's nodes; not shut down by the node
     * @return the node, not started
     */
    GossipNode create(GossipConfig config, long seed, ScheduledExecutorService scheduler) {
        return create(config, seed, scheduler, null);
    }

    /**
     * Builds a node as {@link #create(GossipConfig, long, ScheduledExecutorService)} does, over a
     * transport the caller built (the demo's dtls nodes, each with its own certificate).
     *
     * @param config the node's config
     * @param seed the seed of the node's random source
     * @param scheduler the timer shared by the demo's nodes; not shut down by the node
     * @param transport the node's transport, not started; {@code null} to find it by provider name
     * @return the node, not started
     */
    GossipNode create(
            GossipConfig config, long seed, ScheduledExecutorService scheduler, @Nullable Transport transport) {
        Gossip.Builder builder = Gossip.builder(config)
                .classLoader(GossipNodes.class.getClassLoader())
                .random(new SplittableRandom(seed))
                .scheduler(scheduler);
        if (encryption != null) { // not set is off, as encryption(null) is
            builder.encryption(encryption);
        }
        if (transport != null) {
            builder.transport(transport);
        }
        return builder.build();
    }
}
