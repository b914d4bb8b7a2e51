/**
 * Shared contract tests ({@code *Contract}: abstract JUnit classes an implementation's test extends
 * with a small subclass) and the fixtures they run on, such as {@link
 * dev.gossip.testkit.MembershipHarness}, a deterministic in-test network of membership nodes.
 */
package dev.gossip.testkit;
