/**
 * Guice bindings for a gossip node: {@link dev.gossip.guice.GossipModule}.
 */
@SuppressWarnings("requires-transitive-automatic") // Guice 7 has no module descriptor, only a name
module dev.gossip.guice {
    requires static org.jspecify; // nullness annotations, read at compile time only
    requires transitive dev.gossip.core;
    requires transitive com.google.guice; // GossipModule is a Guice AbstractModule

    exports dev.gossip.guice;

    // Guice calls the module's @Provides methods reflectively.
    opens dev.gossip.guice to
            com.google.guice;
}
