/**
 * Micrometer meters over a node's {@link dev.gossip.NodeSnapshot}:
 * {@link dev.gossip.micrometer.GossipMetrics}.
 */
@NullMarked
package dev.gossip.micrometer;

import org.jspecify.annotations.NullMarked;
