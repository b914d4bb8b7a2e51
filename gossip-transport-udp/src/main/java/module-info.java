/**
 * The {@code udp} transport: best-effort datagrams over an NIO {@link java.nio.channels.DatagramChannel}.
 */
module dev.gossip.transport.udp {
    requires static org.jspecify; // nullness annotations, read at compile time only
    requires transitive dev.gossip;

    exports dev.gossip.transport.udp;

    provides dev.gossip.spi.TransportProvider with
            dev.gossip.transport.udp.UdpTransportProvider;
}
