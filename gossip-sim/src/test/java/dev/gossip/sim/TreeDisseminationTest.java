package dev.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.DisseminationConfig;
import dev.gossip.NodeId;
import dev.gossip.scamp.ScampMembershipProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tree dissemination in the simulator: the production PushTree per node, on virtual time. */
@Timeout(120)
class TreeDisseminationTest {

    private static final int N = 500;

    private static Simulator overlay(long seed, DisseminationConfig dissemination, NetworkConfig network) {
        Simulator sim = Simulator.builder(new ScampMembershipProvider())
                .seed(seed)
                .membershipConfig(
                        ViewsConfig.EXPERIMENT_MEMBERSHIP.toBuilder().c(1).build())
                .dissemination(dissemination)
                .build();
        Overlay.grow(sim, N, new SplittableRandom(seed), Progress.none(), "");
        sim.network(network);
        return sim;
    }

    private static void warmUp(Simulator sim, long seed, int broadcasts) {
        SplittableRandom sources = new SplittableRandom(seed ^ 0x5EED);
        for (int i = 0; i < broadcasts; i++) {
            Broadcast b = sim.broadcast(sources.nextInt(sim.size()));
            sim.runUntilQuiescent();
            assertThat(b.reached()).as("seed %d warm-up %d", seed, i).isEqualTo(sim.size());
        }
    }

    @Test
    void reachesEveryNodeAndSettlesToOnePayloadPerNode() {
        long seed = 41;
        Simulator sim = overlay(seed, DisseminationConfig.tree(), NetworkConfig.lossless());
        Broadcast first = sim.broadcast(0);
        sim.runUntilQuiescent();
        assertThat(first.reached()).as("seed %d", seed).isEqualTo(N);
        assertThat(first.prunes())
                .as("seed %d: one duplicate per link prunes nothing yet", seed)
                .isZero();
        Broadcast second = sim.broadcast(1);
        sim.runUntilQuiescent();
        assertThat(second.reached()).as("seed %d", seed).isEqualTo(N);
        assertThat(second.prunes())
                .as("seed %d: the second broadcast's duplicates prune", seed)
                .isPositive();
        warmUp(sim, seed, 10);

        SplittableRandom sources = new SplittableRandom(seed);
        for (int i = 0; i < 5; i++) {
            Broadcast b = sim.broadcast(sources.nextInt(N));
            sim.runUntilQuiescent();
            String as = "seed " + seed + " broadcast " + i;
            assertThat(b.reached()).as(as).isEqualTo(N);
            assertThat((double) b.messages() / N).as(as + ": payloads per node").isBetween(0.99, 1.05);
            assertThat(b.grafts() + b.prunes())
                    .as(as + ": grafts and prunes in steady state")
                    .isZero();
            assertThat(b.announcements()).as(as + ": the lazy links get the id").isPositive();
            assertThat(b.duplicates()).as(as).isZero();
        }
        Map<String, Long> counters = sim.disseminationCounters();
        assertThat(counters.get("tree.nodes")).as("seed %d", seed).isEqualTo(N);
        assertThat(counters.get("tree.eagerLinks"))
                .as("seed %d: both ends of n - 1 links", seed)
                .isEqualTo(2L * (N - 1));
        assertThat(counters.get("tree.graftUnavailable") + counters.get("tree.controlRefused"))
                .as("seed %d", seed)
                .isZero();
    }

    @Test
    void withThirtyPercentCrashedReachesEveryLiveNodeTheFloodReaches() {
        for (long seed = 1; seed <= 3; seed++) {
            Simulator flood = overlay(seed, DisseminationConfig.flood(), NetworkConfig.lossless());
            Simulator tree = overlay(seed, DisseminationConfig.tree(), NetworkConfig.lossless());
            warmUp(tree, seed, 20);
            SplittableRandom random = new SplittableRandom(seed);
            int[] order = ReliabilityExperiment.identity(N);
            int crashed = ReliabilityExperiment.crashCount(0.3, N);
            ReliabilityExperiment.partialShuffle(order, crashed, random);
            for (int i = 0; i < crashed; i++) {
                flood.crash(order[i]);
                tree.crash(order[i]);
            }
            int source = order[crashed + random.nextInt(N - crashed)];
            Broadcast byFlood = flood.broadcast(source);
            flood.runUntilQuiescent();
            Broadcast byTree = tree.broadcast(source);
            tree.runUntilQuiescent();
            assertThat(tree.pendingEvents()).isZero();
            List<Integer> missed = new ArrayList<>();
            for (int node = 0; node < N; node++) {
                if (flood.isUp(node) && flood.received(node, byFlood) && !tree.received(node, byTree)) {
                    missed.add(node);
                }
            }
            assertThat(missed)
                    .as("seed %d: reached by the flood, not by the tree", seed)
                    .isEmpty();
            assertThat(byTree.reached()).as("seed %d", seed).isGreaterThanOrEqualTo(byFlood.reached());
            assertThat(byTree.grafts())
                    .as("seed %d: crashed branches are repaired by grafts", seed)
                    .isPositive();
            assertThat(byTree.graftReplies()).as("seed %d", seed).isEqualTo(byTree.grafts());
            assertThat(tree.disseminationCounters().get("tree.missing"))
                    .as("seed %d", seed)
                    .isZero();
        }
    }

    @Test
    void sameSeedGivesTheSameRunOnAJitteryLossyNetwork() {
        NetworkConfig network = NetworkConfig.builder()
                .latency(Duration.ofMillis(1), Duration.ofMillis(30))
                .lossRate(0.02)
                .build();
        List<String> runs = new ArrayList<>();
        for (long seed : new long[] {8, 8, 9}) {
            Simulator sim = overlay(seed, DisseminationConfig.tree(), network);
            StringBuilder run = new StringBuilder();
            SplittableRandom sources = new SplittableRandom(seed);
            for (int i = 0; i < 8; i++) {
                if (i == 4) {
                    for (int node = 0; node < N; node += 4) {
                        sim.crash(node);
                    }
                }
                Broadcast b = sim.broadcast(1 + 4 * sources.nextInt(N / 4 - 1));
                sim.runUntilQuiescent();
                run.append(b.reached())
                        .append(' ')
                        .append(b.messages())
                        .append(' ')
                        .append(b.controlMessages())
                        .append(' ')
                        .append(b.grafts())
                        .append(' ')
                        .append(b.maxHops())
                        .append(' ')
                        .append(b.durationNanos())
                        .append('\n');
            }
            run.append(sim.eventsRun()).append(' ').append(sim.disseminationCounters());
            runs.add(run.toString());
        }
        assertThat(runs.get(1)).as("seed 8 twice").isEqualTo(runs.get(0));
        assertThat(runs.get(2)).as("seed 9").isNotEqualTo(runs.get(0));
    }

    @Test
    void aCrashedNodeNeitherReceivesNorWakesAndCatchesUpWhenItRecovers() {
        long seed = 12;
        Simulator sim = overlay(seed, DisseminationConfig.tree(), NetworkConfig.lossless());
        warmUp(sim, seed, 3);
        Broadcast b = sim.broadcast(0);
        sim.runFor(Duration.ofMillis(20)); // delivered, announcements queued for 100 ms
        int victim = 1;
        assertThat(sim.received(victim, b)).as("seed %d", seed).isTrue();
        long announcedBefore = sim.disseminationCounters().get("tree.announceFrames");
        sim.crash(victim);
        sim.runUntilQuiescent();
        long announcedByOthers = sim.disseminationCounters().get("tree.announceFrames") - announcedBefore;
        assertThat(announcedByOthers).as("seed %d", seed).isPositive();
        long missing = sim.disseminationCounters().get("tree.idsAnnounced")
                - sim.disseminationCounters().get("tree.announceFrames");
        assertThat(missing)
                .as("seed %d: the crashed node's announcements still wait", seed)
                .isPositive();
        long eventsBefore = sim.eventsRun();
        sim.recover(victim);
        assertThat(sim.pendingEvents()).as("seed %d: the overdue wake-up", seed).isEqualTo(1);
        sim.runUntilQuiescent();
        assertThat(sim.eventsRun()).isGreaterThan(eventsBefore + 1);
        assertThat(sim.disseminationCounters().get("tree.idsAnnounced"))
                .as("seed %d: flushed after recovery", seed)
                .isEqualTo(sim.disseminationCounters().get("tree.announceFrames"));
    }

    /**
     * Every link starts eager, InView links included (docs/dissemination.md says why: a symmetric
     * eager graph whose first prunes leave a tree for every source), so the first broadcast pushes
     * over both views, about twice a flood's payloads.
     */
    @Test
    void theFirstBroadcastPushesOverEveryPartialViewAndInViewLink() {
        long seed = 23;
        Simulator tree = overlay(seed, DisseminationConfig.tree(), NetworkConfig.lossless());
        Simulator flood = overlay(seed, DisseminationConfig.flood(), NetworkConfig.lossless());
        long links = 0;
        for (int i = 0; i < N; i++) {
            Set<NodeId> neighbours = new HashSet<>(tree.membership(i).partialView());
            neighbours.addAll(tree.membership(i).inView());
            links += neighbours.size();
        }
        Broadcast byTree = tree.broadcast(7);
        tree.runUntilQuiescent();
        Broadcast byFlood = flood.broadcast(7);
        flood.runUntilQuiescent();
        assertThat(byTree.reached()).isEqualTo(N);
        assertThat(byTree.messages())
                .as("seed %d: every link but the sender's, at every node", seed)
                .isEqualTo(links - (N - 1));
        assertThat((double) byTree.messages() / byFlood.messages())
                .as("seed %d", seed)
                .isBetween(1.8, 2.2);
    }
}
