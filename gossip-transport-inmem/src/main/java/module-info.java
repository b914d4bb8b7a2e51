/**
 * The {@code inmem} transport: many nodes in one JVM, no sockets, with seeded fault injection.
 */
module dev.gossip.transport.inmem {
    requires static org.jspecify; // nullness annotations, read at compile time only
    requires transitive dev.gossip;

    exports dev.gossip.transport.inmem;

    provides dev.gossip.spi.TransportProvider with
            dev.gossip.transport.inmem.InMemoryTransportProvider;
}
