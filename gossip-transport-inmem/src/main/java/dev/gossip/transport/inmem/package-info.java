/**
 * The {@code inmem} transport: many nodes in one JVM with no sockets, for tests and simulations.
 * An {@link dev.gossip.transport.inmem.InMemoryNetwork} holds the address table, the dispatcher
 * threads that deliver datagrams asynchronously, network-wide counters by
 * {@link dev.gossip.transport.inmem.DropCause}, and a seeded
 * {@link dev.gossip.transport.inmem.FaultPlan} (loss, partitions) consulted for every datagram.
 *
 * <p>Growing the fault model: the plan is consulted on the send path and returns a fate; delay,
 * jitter, duplication and reordering will return a due time (and copies) instead, and each
 * dispatcher's FIFO queue will become a queue ordered by due time and send sequence, driven by an
 * injectable clock. Crash, pause and restart act on the address table.
 */
package dev.gossip.transport.inmem;
