/**
 * Abstract JUnit 5 contract tests that each implementation of a gossip SPI extends with a small
 * subclass (a codec runs {@link dev.gossip.testkit.CodecContract}, a transport {@link
 * dev.gossip.testkit.TransportContract}), and the fixtures they share: {@link
 * dev.gossip.testkit.RecordingFrameHandler}, {@link dev.gossip.testkit.RecordingReceiver}, and
 * {@link dev.gossip.testkit.StaticMembership}, a membership with fixed or handshake-built views for
 * testing code above the membership SPI. Use this module with test scope.
 */
package dev.gossip.testkit;
