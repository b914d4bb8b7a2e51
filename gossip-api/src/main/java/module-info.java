/**
 * The gossip API and SPIs. No runtime dependency.
 */
module dev.gossip {
    exports dev.gossip;
    exports dev.gossip.spi;
}
