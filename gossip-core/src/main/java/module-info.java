/**
 * The gossip engine, the runtime node, provider discovery and the default {@code binary} codec.
 */
module dev.gossip.core {
    requires static org.jspecify; // nullness annotations, read at compile time only
    requires transitive dev.gossip;

    exports dev.gossip.core;
    exports dev.gossip.core.codec;
    exports dev.gossip.core.security;

    uses dev.gossip.spi.TransportProvider;
    uses dev.gossip.spi.CodecProvider;
    uses dev.gossip.spi.MembershipProvider;

    provides dev.gossip.spi.CodecProvider with
            dev.gossip.core.codec.BinaryCodecProvider;
}
