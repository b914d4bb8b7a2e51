/**
 * Abstract JUnit 5 contract tests that each implementation of a gossip SPI extends with a small
 * subclass (a transport runs {@link dev.gossip.testkit.TransportContract}), and the fixtures they
 * share, such as {@link dev.gossip.testkit.RecordingReceiver}. Use this module with test scope.
 */
package dev.gossip.testkit;
