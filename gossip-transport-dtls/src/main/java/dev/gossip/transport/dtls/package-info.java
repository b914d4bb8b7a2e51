/**
 * The {@code dtls} transport: {@link dev.gossip.transport.dtls.DtlsTransport} carries each gossip
 * datagram as one DTLS 1.2 record over one NIO {@link java.nio.channels.DatagramChannel}, with a
 * session per peer address set up by a mutually authenticated handshake on the JDK's
 * {@link javax.net.ssl.SSLEngine}; {@link dev.gossip.transport.dtls.DtlsTransportProvider} lets
 * {@link java.util.ServiceLoader} find it under the name {@code dtls}; {@link
 * dev.gossip.transport.dtls.DtlsSettings} holds its settings and {@link
 * dev.gossip.transport.dtls.ThrowawayCa} makes a certificate authority in memory for demos and
 * tests.
 */
@NullMarked
package dev.gossip.transport.dtls;

import org.jspecify.annotations.NullMarked;
