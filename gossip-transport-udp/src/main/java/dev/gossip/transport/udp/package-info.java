/**
 * The {@code udp} transport: {@link dev.gossip.transport.udp.UdpTransport} sends and receives gossip
 * datagrams over one NIO {@link java.nio.channels.DatagramChannel} with one receive thread, and
 * {@link dev.gossip.transport.udp.UdpTransportProvider} lets {@link java.util.ServiceLoader} find it
 * under the name {@code udp}.
 */
@NullMarked
package dev.gossip.transport.udp;

import org.jspecify.annotations.NullMarked;
