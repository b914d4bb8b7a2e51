/**
 * The {@code queue} transport, the example of docs/custom-transport.md: a
 * {@link dev.gossip.spi.TransportProvider} and its {@link dev.gossip.spi.Transport}.
 */
@NullMarked
package dev.gossip.example.transport;

import org.jspecify.annotations.NullMarked;
