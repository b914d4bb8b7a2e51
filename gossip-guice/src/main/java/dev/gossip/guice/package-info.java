/**
 * Guice integration: {@link dev.gossip.guice.GossipModule} binds a
 * {@link dev.gossip.GossipNode} and the providers it is built from, and starts nothing.
 */
@NullMarked
package dev.gossip.guice;

import org.jspecify.annotations.NullMarked;
