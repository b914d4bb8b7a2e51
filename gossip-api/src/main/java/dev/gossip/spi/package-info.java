/**
 * Service provider interfaces: what a plugin implements to replace the network ({@link
 * dev.gossip.spi.Transport}), the wire format ({@link dev.gossip.spi.Codec}) or the membership
 * protocol ({@link dev.gossip.spi.Membership}). Each is created by a {@code *Provider} that {@link
 * java.util.ServiceLoader} finds; {@code gossip-testkit} has the contract tests an implementation
 * should pass.
 */
@NullMarked
package dev.gossip.spi;

import org.jspecify.annotations.NullMarked;
