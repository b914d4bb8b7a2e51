/**
 * SCAMP membership: {@link dev.gossip.scamp.ScampMembership}, the sans-IO protocol; {@link
 * dev.gossip.scamp.ScampMembershipProvider}, its provider named {@code scamp}; and {@link
 * dev.gossip.scamp.ScampMessageTypes}, the wire message types. The package-private classes split
 * the protocol by concern: the two views ({@code Views}, {@code NodeSet}), subscription ({@code
 * Subscriptions}), unsubscription and InView notices ({@code Unsubscriptions}), heartbeats and
 * isolation ({@code Liveness}), leases ({@code Leases}), indirection ({@code Indirection}), and the
 * messages sent ({@code Outbox}) and counted ({@code Counters}).
 */
@NullMarked
package dev.gossip.scamp;

import org.jspecify.annotations.NullMarked;
