/**
 * The gossip engine and runtime node: {@link dev.gossip.core.Gossip} builds a {@link
 * dev.gossip.GossipNode}; {@link dev.gossip.core.GossipEngine} is the sans-IO dissemination state
 * machine underneath it (also used directly by simulators and benchmarks); {@link
 * dev.gossip.core.ProviderDiscovery} finds transport, codec and membership providers; {@link
 * dev.gossip.core.SeenMessages} is the bounded duplicate filter.
 */
@NullMarked
package dev.gossip.core;

import org.jspecify.annotations.NullMarked;
