package dev.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.scamp.ScampMembershipProvider;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scale experiment's {@link IndexedSimulation} against {@link Simulator} running a {@code
 * ScampMembership} per node: the same seed and joins must give the same views (order included),
 * the same event count and dropped copies, and a broadcast with the same reach, datagrams,
 * duplicates and hops.
 */
@Timeout(300)
class IndexedSimulationTest {

    private static final int N = 2_000;

    @Test
    void runsExactlyAsTheSimulatorWithAMembershipObjectPerNode() {
        for (int c = 0; c <= 3; c++) {
            long seed = 40 + c;
            String as = "seed " + seed + " c=" + c;
            MembershipConfig config =
                    MembershipConfig.builder().c(c).indirectionWalk(0).build();
            Simulator sim = Simulator.builder(new ScampMembershipProvider())
                    .seed(seed)
                    .membershipConfig(config)
                    .dedupCapacity(1)
                    .build();
            Overlay.grow(sim, N, new SplittableRandom(seed), Progress.none(), "");
            IndexedSimulation indexed = new IndexedSimulation(seed, config, true);
            Overlay.grow(indexed, N, new SplittableRandom(seed), Progress.none(), "");

            assertThat(indexed.eventsRun()).as(as).isEqualTo(sim.eventsRun());
            assertThat(indexed.partialViewTotal()).as(as).isEqualTo(sim.partialViewTotal());
            assertThat(indexed.scamp().inViewTotal()).as(as).isEqualTo(sim.inViewTotal());
            assertThat(indexed.counter(Simulator.DROPPED_COUNTER))
                    .as(as)
                    .isEqualTo(sim.counter(Simulator.DROPPED_COUNTER));
            for (int node = 0; node < N; node++) {
                assertThat(indexed.scamp().partialView(node))
                        .as(as + " PV of " + node)
                        .containsExactly(indices(sim, sim.membership(node).partialView()));
                assertThat(indexed.scamp().inView(node))
                        .as(as + " InView of " + node)
                        .containsExactly(indices(sim, sim.membership(node).inView()));
            }

            for (int origin : new int[] {0, N / 2, N - 1}) {
                Broadcast expected = sim.broadcast(origin);
                sim.runUntilQuiescent();
                Broadcast actual = indexed.broadcast(origin);
                indexed.runUntilQuiescent();
                String what = as + " broadcast from " + origin;
                assertThat(actual.reached()).as(what).isEqualTo(expected.reached());
                assertThat(actual.messages()).as(what).isEqualTo(expected.messages());
                assertThat(actual.duplicates()).as(what).isEqualTo(expected.duplicates());
                assertThat(actual.maxHops()).as(what).isEqualTo(expected.maxHops());
                assertThat(actual.durationNanos()).as(what).isEqualTo(expected.durationNanos());
            }
            assertThat(indexed.eventsRun()).as(as).isEqualTo(sim.eventsRun());
        }
    }

    @Test
    void scaleRowsAreTheSameWithEitherLayoutButForTimeAndHeap() {
        ScaleRow indexed;
        ScaleRow objects;
        try {
            indexed = ScaleExperiment.run(3_000, 1, 42, new ScampMembershipProvider(), Progress.none());
            System.setProperty(ScaleExperiment.LAYOUT_PROPERTY, ScaleExperiment.OBJECTS);
            objects = ScaleExperiment.run(3_000, 1, 42, new ScampMembershipProvider(), Progress.none());
        } finally {
            System.clearProperty(ScaleExperiment.LAYOUT_PROPERTY);
        }
        assertThat(indexed.joinEvents()).isEqualTo(objects.joinEvents()).isPositive();
        assertThat(indexed.meanPv()).isEqualTo(objects.meanPv());
        assertThat(indexed.droppedCopies()).isEqualTo(objects.droppedCopies());
        assertThat(indexed.reached()).isEqualTo(objects.reached()).isEqualTo(3_000);
        assertThat(indexed.messages()).isEqualTo(objects.messages());
        assertThat(indexed.hops()).isEqualTo(objects.hops());
    }

    private static int[] indices(Simulator sim, List<NodeId> view) {
        return view.stream().mapToInt(sim::indexOf).toArray();
    }
}
