/**
 * The simulator and its experiments.
 *
 * <p>{@link dev.gossip.sim.Simulator} runs one {@link dev.gossip.spi.Membership} per node (the
 * production SCAMP by default) on virtual time: every node gets its own
 * {@link dev.gossip.spi.MembershipContext} whose clock is the simulation's, whose random source is
 * split from the master seed, and whose {@code send} schedules a delivery event after a seeded
 * latency, unless the seeded loss drops it. Events run in order of time, then of a sequence number
 * given when they were scheduled, in one thread, so the same seed gives the same run, every time.
 *
 * <p>{@link dev.gossip.sim.Experiments} runs the experiments and returns rows;
 * {@link dev.gossip.sim.RowWriter} writes them as CSV or a table and {@link dev.gossip.sim.Plots}
 * draws them.
 */
@NullMarked
package dev.gossip.sim;

import org.jspecify.annotations.NullMarked;
