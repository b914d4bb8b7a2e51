/**
 * The {@code dtls} transport: gossip datagrams inside DTLS 1.2 records, one session per peer, with
 * X.509 mutual authentication, over one NIO {@link java.nio.channels.DatagramChannel}.
 */
module dev.gossip.transport.dtls {
    requires static org.jspecify; // nullness annotations, read at compile time only
    requires transitive dev.gossip;

    exports dev.gossip.transport.dtls;

    provides dev.gossip.spi.TransportProvider with
            dev.gossip.transport.dtls.DtlsTransportProvider;
}
