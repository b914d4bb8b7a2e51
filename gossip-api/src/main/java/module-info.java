/**
 * The gossip API and SPIs. No runtime dependency.
 */
module dev.gossip {
    requires static org.jspecify; // nullness annotations, read at compile time only

    exports dev.gossip;
    exports dev.gossip.spi;
}
