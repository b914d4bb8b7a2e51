package dev.gossip.scamp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.spi.MembershipMessage;
import dev.gossip.testkit.MembershipHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random messages, forged from members and strangers, thrown into a running cluster: nothing
 * throws, views never hold self or duplicates, and once the forgeries stop, heartbeats and InView
 * expiry bring every link back to both ends within a few isolation timeouts. With leases, forged
 * entries of strangers also leave the partial views and every node is joined again.
 */
class FuzzTest {

    @Test
    void forgedMessagesNeverThrowAndTheClusterHealsAfterwards() {
        for (MembershipConfig config : List.of(
                MembershipConfig.defaults(),
                MembershipConfig.builder()
                        .lease(Duration.ofSeconds(10))
                        .indirectionWalk(2)
                        .build())) {
            for (long seed = 1; seed <= 3; seed++) {
                fuzz(config, seed);
            }
        }
    }

    private static void fuzz(MembershipConfig config, long seed) {
        MembershipHarness harness = new MembershipHarness(new ScampMembershipProvider(), config, seed);
        for (int i = 0; i < 30; i++) {
            harness.addAndJoin();
        }
        List<NodeId> nodes = new ArrayList<>(harness.members());
        for (int i = 0; i < 5; i++) {
            nodes.add(RecordingContext.node("stranger" + i));
        }
        var random = harness.random();
        for (int round = 0; round < 40; round++) {
            for (int i = 0; i < 100; i++) {
                NodeId sender = nodes.get(random.nextInt(nodes.size()));
                NodeId to =
                        harness.members().get(random.nextInt(harness.members().size()));
                NodeId subject = random.nextInt(4) == 0 ? null : nodes.get(random.nextInt(nodes.size()));
                int counter =
                        random.nextBoolean() ? random.nextInt(4) : random.nextInt(MembershipMessage.MAX_COUNTER + 1);
                List<NodeId> list = new ArrayList<>();
                for (int k = random.nextInt(3); k > 0; k--) {
                    list.add(nodes.get(random.nextInt(nodes.size())));
                }
                harness.inject(sender, to, new MembershipMessage(random.nextInt(16), sender, subject, counter, list));
            }
            harness.runUntilQuiet();
            harness.advance(config.heartbeatInterval().dividedBy(2));
            harness.tick();
            harness.runUntilQuiet();
            assertThat(harness.checks().selfOrDuplicates())
                    .as("seed %d, %s", seed, config)
                    .isEmpty();
            assertThat(harness.checks().eventMismatches())
                    .as("seed %d, %s", seed, config)
                    .isEmpty();
        }
        // Forged PV entries of strangers swallow the copies sent to them; only leases purge them.
        Duration heal =
                config.isolationTimeout().multipliedBy(4).plus(config.lease().multipliedBy(3));
        harness.runFor(heal, config.heartbeatInterval().dividedBy(2));
        assertThat(harness.checks().all())
                .as("seed %d, %s: healed", seed, config)
                .isEmpty();
        if (!config.lease().isZero()) {
            for (NodeId id : harness.members()) {
                assertThat(harness.membership(id).isJoined())
                        .as("seed %d, %s: %s joined", seed, config, id)
                        .isTrue();
                assertThat(harness.membership(id).partialView())
                        .as("seed %d: PV of %s", seed, id)
                        .allMatch(member -> harness.nodes().contains(member));
            }
        }
    }
}
