package dev.gossip.transport.inmem;

import dev.gossip.OpaqueAddress;

/**
 * A datagram in flight: its own copy of the bytes (shared, never written, by a duplicate), the
 * sender, the destination, and its place in a dispatcher's queue: due time, then send sequence.
 *
 * @param due the network's clock ({@link InMemoryNetwork#nanoTime()}, never negative) at which it
 *     may be delivered; 0 for at once
 * @param sequence the network-wide send order, which breaks ties
 */
record Envelope(OpaqueAddress from, OpaqueAddress to, byte[] bytes, long due, long sequence)
        implements Comparable<Envelope> {

    /** @return this datagram, due at once, keeping its sequence */
    Envelope now() {
        return due == 0 ? this : new Envelope(from, to, bytes, 0, sequence);
    }

    @Override
    public int compareTo(Envelope other) {
        int byDue = Long.compare(due, other.due);
        return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
    }
}
