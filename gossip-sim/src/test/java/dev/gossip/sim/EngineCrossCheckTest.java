package dev.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeSnapshot;
import dev.gossip.spi.MembershipProvider;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The simulator's lean path (membership driven directly, the forwarding rule re-stated) against a
 * real GossipEngine per node with every datagram through the binary codec: same seed, same views,
 * same spread.
 */
class EngineCrossCheckTest {

    private static final MembershipProvider PROVIDER = MembershipInSimulatorTest.PROVIDER;

    @Test
    void leanSimulationMatchesRealEnginesExactly() {
        long seed = 77;
        int n = 1500;
        MembershipConfig membership = MembershipConfig.builder().c(1).build();
        Simulator sim = Simulator.builder(PROVIDER)
                .seed(seed)
                .membershipConfig(membership)
                .build();
        EngineNetwork engines = new EngineNetwork(PROVIDER, membership, seed);
        SplittableRandom contacts = new SplittableRandom(seed);
        sim.addNode();
        engines.addNode();
        for (int k = 1; k < n; k++) {
            int contact = contacts.nextInt(k);
            sim.join(sim.addNode(), contact);
            sim.runUntilQuiescent();
            engines.engine(engines.addNode()).join(sim.id(contact));
            engines.run();
        }
        for (int i = 0; i < n; i++) {
            assertThat(engines.engine(i).membership().partialView())
                    .as("seed %d node %d", seed, i)
                    .isEqualTo(sim.membership(i).partialView());
            assertThat(engines.engine(i).membership().inView())
                    .as("seed %d node %d", seed, i)
                    .isEqualTo(sim.membership(i).inView());
        }
        assertThat(engines.datagrams).isEqualTo(sim.membershipMessagesSent());

        Broadcast lean = sim.broadcast(5);
        sim.runUntilQuiescent();
        long before = engines.datagrams;
        engines.engine(5).broadcast(ByteBuffer.allocate(8));
        engines.run();
        long duplicates = 0;
        for (int i = 0; i < n; i++) {
            duplicates += engines.engine(i).snapshot(NodeSnapshot.State.RUNNING).duplicates();
        }
        assertThat(engines.delivered + 1).isEqualTo(lean.reached()).isEqualTo(n);
        assertThat(engines.datagrams - before).isEqualTo(lean.messages());
        assertThat(duplicates).isEqualTo(lean.duplicates());
        // Delivery.hops() counts forwards before receipt (0 from the origin); Broadcast counts datagrams.
        assertThat(engines.maxHops + 1).isEqualTo(lean.maxHops());
    }
}
