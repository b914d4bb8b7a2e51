/**
 * An example transport plugin written only against the gossip API: {@code queue}, datagrams handed
 * between nodes of one JVM through bounded queues.
 */
module dev.gossip.example.transport {
    requires static org.jspecify; // nullness annotations, read at compile time only
    requires dev.gossip;

    // Nothing needs to be exported: nodes find the provider through ServiceLoader.
    provides dev.gossip.spi.TransportProvider with
            dev.gossip.example.transport.QueueTransportProvider;
}
