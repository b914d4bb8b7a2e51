/**
 * Micrometer meters over a node's {@link dev.gossip.NodeSnapshot}:
 * {@link dev.gossip.micrometer.GossipMetrics}.
 */
package dev.gossip.micrometer;
