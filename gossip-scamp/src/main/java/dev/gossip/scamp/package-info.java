/**
 * SCAMP membership: {@link dev.gossip.scamp.ScampMembership}, the sans-IO protocol; {@link
 * dev.gossip.scamp.ScampMembershipProvider}, its provider named {@code scamp}; and {@link
 * dev.gossip.scamp.ScampMessageTypes}, the wire message types. The package-private classes split
 * the protocol by concern: views, subscription, unsubscription, heartbeats and isolation.
 */
package dev.gossip.scamp;
