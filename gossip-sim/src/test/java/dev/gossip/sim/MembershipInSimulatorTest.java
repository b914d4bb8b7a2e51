package dev.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.scamp.ScampMembershipProvider;
import dev.gossip.spi.MembershipProvider;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SCAMP's invariants, checked on the membership the simulator runs by default. */
class MembershipInSimulatorTest {

    static final MembershipProvider PROVIDER = new ScampMembershipProvider();

    private static Simulator sim(long seed, int c) {
        return Simulator.builder(PROVIDER)
                .seed(seed)
                .membershipConfig(
                        MembershipConfig.builder().c(c).indirectionWalk(0).build())
                .build();
    }

    @Test
    void everyJoinAddsContactViewPlusCPlusOneLessTheDroppedCopies() {
        for (int c = 0; c <= 3; c++) {
            long seed = 100 + c;
            Simulator sim = sim(seed, c);
            SplittableRandom random = new SplittableRandom(seed);
            sim.addNode();
            long dropped = 0;
            for (int k = 1; k < 2000; k++) {
                int contact = random.nextInt(k);
                JoinOutcome outcome = sim.joinAndRun(sim.addNode(), contact);
                assertThat(outcome.invariantHolds(c))
                        .as("seed %d c %d join %d: %s", seed, c, k, outcome)
                        .isTrue();
                dropped += outcome.copiesDropped();
            }
            assertThat(dropped).as("seed %d c %d", seed, c).isEqualTo(sim.counter(Simulator.DROPPED_COUNTER));
            long total = 0;
            for (int i = 0; i < sim.size(); i++) {
                total += sim.membership(i).partialView().size();
            }
            assertThat(sim.partialViewTotal()).isEqualTo(total);
        }
    }

    @Test
    void bothEndsOfEveryLinkAgreeWithAndWithoutLeavesAndLeaversAreForgotten() {
        long seed = 31;
        for (int c = 0; c <= 2; c++) {
            Simulator sim = sim(seed, c);
            SplittableRandom random = new SplittableRandom(seed);
            Overlay.grow(sim, 1000, random, Progress.none(), "");
            assertThat(ViewGraph.asymmetricLinks(sim))
                    .as("seed %d c %d", seed, c)
                    .isZero();
            assertThat(ViewGraph.stronglyConnected(sim))
                    .as("seed %d c %d", seed, c)
                    .isTrue();
            for (int k = 0; k < 100; k++) {
                int leaver;
                do {
                    leaver = random.nextInt(sim.size());
                } while (!sim.isUp(leaver));
                sim.leave(leaver);
                sim.runUntilQuiescent();
                assertThat(sim.membership(leaver).partialView()).isEmpty();
                assertThat(sim.membership(leaver).inView()).isEmpty();
                assertThat(ViewGraph.stronglyConnected(sim))
                        .as("seed %d c %d leave %d", seed, c, k)
                        .isTrue();
                NodeId gone = sim.id(leaver);
                for (int i = 0; i < sim.size(); i++) {
                    assertThat(sim.membership(i).partialView())
                            .as("seed %d c %d node %d", seed, c, i)
                            .doesNotContain(gone);
                    assertThat(sim.membership(i).inView()).doesNotContain(gone);
                }
            }
            assertThat(ViewGraph.asymmetricLinks(sim))
                    .as("seed %d c %d", seed, c)
                    .isZero();
            assertThat(ViewGraph.danglingLinks(sim)).isZero();
            // Half a minute of heartbeats (isolation checks, InView repair) keeps it that way.
            sim.startTicks(Duration.ofMillis(100));
            sim.runFor(Duration.ofSeconds(30));
            sim.stopTicks();
            sim.runUntilQuiescent();
            assertThat(ViewGraph.asymmetricLinks(sim))
                    .as("seed %d c %d", seed, c)
                    .isZero();
            assertThat(ViewGraph.stronglyConnected(sim))
                    .as("seed %d c %d", seed, c)
                    .isTrue();
            Broadcast b = sim.broadcast(firstUp(sim));
            sim.runUntilQuiescent();
            assertThat(b.reached()).as("seed %d c %d", seed, c).isEqualTo(sim.upCount());
        }
    }

    private static int firstUp(Simulator sim) {
        for (int i = 0; ; i++) {
            if (sim.isUp(i)) {
                return i;
            }
        }
    }
}
