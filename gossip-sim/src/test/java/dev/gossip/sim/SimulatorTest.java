package dev.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.spi.Membership;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipMessage;
import dev.gossip.spi.MembershipProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The simulator's mechanics, driven by a small test membership. */
class SimulatorTest {

    private static Simulator sim(long seed, int c, NetworkConfig network) {
        return Simulator.builder(MembershipInSimulatorTest.PROVIDER)
                .seed(seed)
                .membershipConfig(
                        MembershipConfig.builder().c(c).indirectionWalk(0).build())
                .network(network)
                .build();
    }

    private static List<String> views(Simulator sim) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < sim.size(); i++) {
            out.add(sim.membership(i).partialView() + "/" + sim.membership(i).inView());
        }
        return out;
    }

    @Test
    void sameSeedGivesTheSameRunAndAnotherSeedAnother() {
        NetworkConfig jittery = NetworkConfig.builder()
                .latency(Duration.ofMillis(1), Duration.ofMillis(30))
                .build();
        List<List<String>> runs = new ArrayList<>();
        for (long seed : new long[] {11, 11, 12}) {
            Simulator sim = sim(seed, 1, jittery);
            Overlay.grow(sim, 300, new SplittableRandom(seed), Progress.none(), "grow");
            Broadcast b = sim.broadcast(17);
            sim.runUntilQuiescent();
            List<String> run = views(sim);
            run.add(b.reached() + " " + b.messages() + " " + b.durationNanos() + " " + sim.eventsRun());
            runs.add(run);
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(runs.get(2)).isNotEqualTo(runs.get(0));
    }

    @Test
    void countsEveryPartialViewChangeAndMembershipDrops() {
        long seed = 5;
        for (int c = 0; c <= 3; c++) {
            Simulator sim = sim(seed + c, c, NetworkConfig.lossless());
            SplittableRandom random = new SplittableRandom(seed + c);
            sim.addNode();
            for (int k = 1; k < 400; k++) {
                int contact = random.nextInt(k);
                int contactView = sim.membership(contact).partialView().size();
                long before = sim.partialViewTotal();
                long droppedBefore = sim.counter("forwardedDropped");
                sim.join(sim.addNode(), contact);
                sim.runUntilQuiescent();
                long dropped = sim.counter("forwardedDropped") - droppedBefore;
                long added = sim.partialViewTotal() - before;
                if (contactView > 0) {
                    assertThat(added)
                            .as("seed %d c %d join %d", seed + c, c, k)
                            .isEqualTo(contactView + c + 1 - dropped);
                }
            }
            long direct = 0;
            for (int i = 0; i < sim.size(); i++) {
                direct += sim.membership(i).partialView().size();
            }
            assertThat(sim.partialViewTotal()).isEqualTo(direct);
            assertThat(sim.inViewTotal()).isEqualTo(direct);
        }
    }

    @Test
    void floodReachesEveryNodeOnceAndCountsCopies() {
        Simulator sim = sim(3, 1, NetworkConfig.lossless());
        Overlay.grow(sim, 500, new SplittableRandom(3), Progress.none(), "grow");
        assertThat(ViewGraph.stronglyConnected(sim)).isTrue();
        Broadcast b = sim.broadcast(0);
        sim.runUntilQuiescent();
        assertThat(b.reached()).isEqualTo(500);
        assertThat(b.messages()).isEqualTo(b.reached() - 1 + b.duplicates() + b.lost() + b.toDownNodes());
        assertThat(b.maxHops()).isBetween(2, 20);
    }

    @Test
    void crashedNodesNeitherReceiveNorForwardAndRecoverWithTheirState() {
        Simulator sim = sim(4, 1, NetworkConfig.lossless());
        Overlay.grow(sim, 200, new SplittableRandom(4), Progress.none(), "grow");
        List<NodeId> before = List.copyOf(sim.membership(9).partialView());
        for (int i = 100; i < 200; i++) {
            sim.crash(i);
        }
        assertThat(sim.upCount()).isEqualTo(100);
        Broadcast b = sim.broadcast(0);
        sim.runUntilQuiescent();
        assertThat(b.reached()).isLessThanOrEqualTo(100);
        assertThat(b.toDownNodes()).isPositive();
        sim.recover(150);
        assertThat(sim.isUp(150)).isTrue();
        assertThat(sim.membership(9).partialView()).isEqualTo(before);
    }

    @Test
    void lossDropsDatagramsWithTheConfiguredRate() {
        long seed = 8;
        Simulator sim = sim(seed, 1, NetworkConfig.lossless());
        Overlay.grow(sim, 1000, new SplittableRandom(seed), Progress.none(), "grow");
        sim.network(NetworkConfig.builder().lossRate(0.3).build());
        long lost = 0;
        long sent = 0;
        for (int k = 0; k < 5; k++) {
            Broadcast b = sim.broadcast(k);
            sim.runUntilQuiescent();
            lost += b.lost();
            sent += b.messages();
            assertThat(b.reached()).as("seed %d", seed).isBetween(900L, 1000L);
        }
        assertThat((double) lost / sent).as("seed %d", seed).isBetween(0.28, 0.32);
        assertThat(sim.membershipMessagesLost()).isZero();
    }

    @Test
    void tasksRunInOrderOfTimeThenOfScheduling() {
        Simulator sim = sim(1, 1, NetworkConfig.lossless());
        List<String> order = new ArrayList<>();
        sim.schedule(Duration.ofSeconds(2), () -> order.add("b"));
        sim.schedule(Duration.ofSeconds(1), () -> order.add("a"));
        sim.schedule(Duration.ofSeconds(2), () -> order.add("c"));
        sim.schedule(Duration.ofSeconds(2), () -> sim.schedule(Duration.ZERO, () -> order.add("d")));
        sim.runUntilQuiescent();
        assertThat(order).containsExactly("a", "b", "c", "d");
        assertThat(sim.now()).isEqualTo(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void ticksEveryNodeUpAtTheInterval() {
        long[] ticks = new long[3];
        MembershipProvider counting = new MembershipProvider() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public Membership create(MembershipConfig config, MembershipContext context) {
                int index = NodeIds.indexOf(context.self());
                return new Quiet() {
                    @Override
                    public void onTick() {
                        ticks[index]++;
                    }
                };
            }
        };
        Simulator sim = Simulator.builder(counting).build();
        sim.addNode();
        sim.addNode();
        sim.startTicks(Duration.ofMillis(100));
        sim.addNode();
        sim.crash(1);
        sim.runFor(Duration.ofSeconds(10));
        assertThat(ticks[0]).isEqualTo(100);
        assertThat(ticks[1]).isZero();
        assertThat(ticks[2]).isEqualTo(100);
        assertThatThrownBy(sim::runUntilQuiescent).isInstanceOf(IllegalStateException.class);
        sim.stopTicks();
        sim.runUntilQuiescent();
        assertThat(ticks[0]).isEqualTo(100);
    }

    @Test
    void aThrowingMembershipFailsTheRunNamingNodeAndTime() {
        MembershipProvider throwing = new MembershipProvider() {
            @Override
            public String name() {
                return "throwing";
            }

            @Override
            public Membership create(MembershipConfig config, MembershipContext context) {
                return new Quiet() {
                    @Override
                    public void join(NodeId contact) {
                        context.send(contact, MembershipMessage.of(1, context.self()));
                    }

                    @Override
                    public boolean onMessage(MembershipMessage message) {
                        throw new IllegalArgumentException("boom");
                    }
                };
            }
        };
        Simulator sim = Simulator.builder(throwing).build();
        sim.addNode();
        sim.join(sim.addNode(), 0);
        assertThatThrownBy(sim::runUntilQuiescent)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sim:0")
                .hasMessageContaining("1000000 ns")
                .hasRootCauseMessage("boom");
    }

    /** A membership that does nothing. */
    private static class Quiet implements Membership {
        @Override
        public void join(NodeId contact) {}

        @Override
        public boolean onMessage(MembershipMessage message) {
            return false;
        }

        @Override
        public void onTick() {}

        @Override
        public void leave() {}

        @Override
        public List<NodeId> partialView() {
            return List.of();
        }

        @Override
        public List<NodeId> inView() {
            return List.of();
        }

        @Override
        public boolean isJoined() {
            return false;
        }

        @Override
        public double estimatedSize() {
            return 1;
        }

        @Override
        public Map<String, Long> counters() {
            return Map.of();
        }
    }
}
