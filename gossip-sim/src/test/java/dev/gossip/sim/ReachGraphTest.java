package dev.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.scamp.ScampMembershipProvider;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reliability experiment's fast path ({@link ReachGraph}: a breadth-first pass over the
 * partial-view graph) against the event path ({@link Simulator#broadcast} run to quiescence), on
 * the same overlays, crash sets and sources.
 */
@Timeout(300)
class ReachGraphTest {

    private static final int N = 2_000;

    @Test
    void reachesExactlyTheNodesTheEventPathReaches() {
        for (int c = 0; c <= 3; c++) {
            long seed = 1_000 + c;
            Simulator sim = Simulator.builder(new ScampMembershipProvider())
                    .seed(seed)
                    .membershipConfig(
                            ViewsConfig.EXPERIMENT_MEMBERSHIP.toBuilder().c(c).build())
                    .build();
            Overlay.grow(sim, N, new SplittableRandom(seed), Progress.none(), "");
            ReachGraph graph = ReachGraph.of(sim);
            assertThat(graph.linkCount()).isEqualTo(sim.partialViewTotal());
            SplittableRandom random = new SplittableRandom(seed);
            int[] order = ReliabilityExperiment.identity(N);
            boolean[] down = new boolean[N];
            int partial = 0;
            for (double fail : List.of(0.0, 0.1, 0.3, 0.5, 0.7, 0.9)) {
                for (int pattern = 0; pattern < 5; pattern++) {
                    int crashed = ReliabilityExperiment.crashCount(fail, N);
                    ReliabilityExperiment.partialShuffle(order, crashed, random);
                    for (int i = 0; i < crashed; i++) {
                        sim.crash(order[i]);
                        down[order[i]] = true;
                    }
                    int source = order[crashed + random.nextInt(N - crashed)];
                    Broadcast b = sim.broadcast(source);
                    sim.runUntilQuiescent();
                    int reached = graph.flood(down, source);
                    String what = "seed " + seed + " c=" + c + " fail=" + fail + " pattern " + pattern;
                    assertThat(reached).as(what).isEqualTo(b.reached());
                    for (int i = 0; i < N; i++) {
                        assertThat(graph.reached(i)).as(what + " node " + i).isEqualTo(sim.received(i, b));
                    }
                    assertThat(graph.messages()).as(what).isEqualTo(b.messages());
                    assertThat(graph.maxHops()).as(what).isEqualTo(b.maxHops());
                    if (reached < N - crashed) {
                        partial++;
                    }
                    for (int i = 0; i < crashed; i++) {
                        sim.recover(order[i]);
                        down[order[i]] = false;
                    }
                }
            }
            assertThat(partial)
                    .as("seed %d c=%d: some floods must miss live nodes, or reach was not put to the test", seed, c)
                    .isPositive();
        }
    }

    @Test
    void reliabilityRowsAreTheSameOnEveryPath() {
        ReliabilityConfig config = ReliabilityConfig.builder()
                .nodes(N)
                .cs(List.of(1, 2))
                .fails(List.of(0.0, 0.2, 0.4, 0.6))
                .trials(6)
                .patterns(3)
                .protocols(List.of(ReliabilityConfig.SCAMP))
                .seed(77)
                .threads(2)
                .build();
        List<ReliabilityRow> fast =
                ReliabilityExperiment.run(config, new ScampMembershipProvider(), Progress.none(), true, true);
        List<ReliabilityRow> objects =
                ReliabilityExperiment.run(config, new ScampMembershipProvider(), Progress.none(), true, false);
        List<ReliabilityRow> events =
                ReliabilityExperiment.run(config, new ScampMembershipProvider(), Progress.none(), false, false);
        assertThat(fast)
                .as("seed 77: reach over overlays grown on int ids = on ScampMembership objects")
                .isEqualTo(objects);
        assertThat(objects).as("seed 77: reach = the event path").isEqualTo(events);
        assertThat(fast).extracting(ReliabilityRow::overlays).containsOnly(2);
    }
}
