/**
 * Abstract JUnit 5 contract tests that each implementation of a gossip SPI extends with a small
 * subclass (a codec runs {@link dev.gossip.testkit.CodecContract}, a transport {@link
 * dev.gossip.testkit.TransportContract}, a membership {@link dev.gossip.testkit.MembershipContract}),
 * and the fixtures they share: {@link dev.gossip.testkit.RecordingFrameHandler}, {@link
 * dev.gossip.testkit.RecordingReceiver}, {@link dev.gossip.testkit.MembershipHarness} (a
 * deterministic in-test network of membership nodes), {@link dev.gossip.testkit.StaticMembership}
 * (fixed or handshake-built views for testing code above the membership SPI) and {@link
 * dev.gossip.testkit.Fuzz} (seeded generators for property-style tests). Use this module with
 * test scope.
 */
@NullMarked
package dev.gossip.testkit;

import org.jspecify.annotations.NullMarked;
