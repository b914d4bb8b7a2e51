/**
 * Contract tests every implementation of an SPI runs, as small subclasses of abstract JUnit 5
 * classes ({@link dev.gossip.testkit.CodecContract}, and the transport and membership contracts),
 * plus fixtures for tests of code above the SPIs, such as {@link
 * dev.gossip.testkit.StaticMembership}, a membership with fixed or handshake-built views.
 */
package dev.gossip.testkit;
