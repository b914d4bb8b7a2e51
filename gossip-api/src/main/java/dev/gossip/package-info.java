/**
 * The gossip API: node identity and addresses, configuration records, the {@link
 * dev.gossip.GossipNode} facade applications hold, listeners and exceptions. It depends on nothing;
 * a running node comes from {@code gossip-core}.
 */
@NullMarked
package dev.gossip;

import org.jspecify.annotations.NullMarked;
