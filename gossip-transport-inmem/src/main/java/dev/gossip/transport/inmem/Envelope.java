package dev.gossip.transport.inmem;

import dev.gossip.OpaqueAddress;

/** A datagram in flight: its own copy of the bytes, the sender and the destination. */
record Envelope(OpaqueAddress from, OpaqueAddress to, byte[] bytes) {
}
