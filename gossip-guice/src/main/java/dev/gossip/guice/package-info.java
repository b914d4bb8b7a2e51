/**
 * Guice integration: {@link dev.gossip.guice.GossipModule} binds a
 * {@link dev.gossip.GossipNode} and the providers it is built from, and starts nothing.
 */
package dev.gossip.guice;
