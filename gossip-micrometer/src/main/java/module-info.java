/**
 * Optional Micrometer binding: {@link dev.gossip.micrometer.GossipMetrics}.
 */
@SuppressWarnings("requires-transitive-automatic") // micrometer-core has no module descriptor, only a name
module dev.gossip.micrometer {
    requires static org.jspecify; // nullness annotations, read at compile time only
    requires transitive dev.gossip;
    requires transitive micrometer.core; // GossipMetrics is a Micrometer MeterBinder

    exports dev.gossip.micrometer;
}
