/**
 * The {@code inmem} transport: many nodes in one JVM with no sockets, for tests and simulations.
 * An {@link dev.gossip.transport.inmem.InMemoryNetwork} holds the address table, the dispatcher
 * threads that deliver datagrams asynchronously in due-time order, network-wide counters by
 * {@link dev.gossip.transport.inmem.DropCause}, and the fault model users' tests drive:
 * <ul>
 *   <li>a seeded, immutable {@link dev.gossip.transport.inmem.FaultPlan} consulted once per
 *       datagram sent: network-wide and per-link {@link dev.gossip.transport.inmem.LinkFaults}
 *       (loss, delay and jitter in real time, duplication, reordering), symmetric partitions and
 *       one-way cuts, healed by installing another plan;</li>
 *   <li>node faults on the network: crash, pause, resume and restart of an address.</li>
 * </ul>
 * The plan's decision functions ({@link dev.gossip.transport.inmem.FaultPlan#decide},
 * {@link dev.gossip.transport.inmem.LinkFaults#decide}) are pure functions of the plan and a
 * {@link java.util.random.RandomGenerator}, returning a {@link dev.gossip.transport.inmem.Fate}, so
 * that a simulator on virtual time can apply the same fault description.
 */
@NullMarked
package dev.gossip.transport.inmem;

import org.jspecify.annotations.NullMarked;
