package dev.gossip.scamp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.testkit.MembershipHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Isolation detection and resubscription backoff, in virtual time. */
class IsolationTest {

    private static final Duration TICK = Duration.ofMillis(500);
    private static final long T = MembershipConfig.defaults().isolationTimeout().toNanos();

    @Test
    void aPartitionedNodeResubscribesWithDoublingWaitsUpToACapAndStartsOverWhenHealed() {
        long seed = 17;
        MembershipHarness harness =
                new MembershipHarness(new ScampMembershipProvider(), MembershipConfig.defaults(), seed);
        for (int i = 0; i < 8; i++) {
            harness.addAndJoin();
        }
        harness.runFor(Duration.ofSeconds(10), TICK);
        NodeId x = harness.members().get(7);
        List<Long> resubscribed = new ArrayList<>();
        harness.tap(envelope -> {
            if (envelope.from().equals(x) && envelope.message().type() == ScampMessageTypes.SUBSCRIBE) {
                resubscribed.add(harness.nanoTime());
            }
        });
        long cut = harness.nanoTime();
        harness.filter(envelope -> !envelope.to().equals(x) && !envelope.from().equals(x));
        harness.runFor(Duration.ofSeconds(250), TICK);

        assertThat(resubscribed).as("seed %d", seed).hasSizeGreaterThan(6);
        assertThat(resubscribed.get(0) - cut)
                .as("seed %d: first resubscription after the cut", seed)
                .isBetween(T - Duration.ofSeconds(1).toNanos(), T);
        assertThat(intervals(resubscribed).subList(0, 6))
                .as("seed %d", seed)
                .containsExactly(T, 2 * T, 4 * T, 8 * T, 8 * T, 8 * T);
        assertThat(harness.membership(x).counters().get("resubscriptions")).isEqualTo(resubscribed.size());

        harness.filter(envelope -> true);
        harness.runFor(Duration.ofSeconds(10), TICK);
        assertThat(harness.checks().all()).as("seed %d", seed).isEmpty();
        assertThat(harness.membership(x).isJoined()).isTrue();

        resubscribed.clear();
        harness.filter(envelope -> !envelope.to().equals(x) && !envelope.from().equals(x));
        harness.runFor(Duration.ofSeconds(30), TICK);
        assertThat(intervals(resubscribed).subList(0, 2))
                .as("seed %d: backoff reset by heartbeats", seed)
                .containsExactly(T, 2 * T);
    }

    @Test
    void aQuietHealthyClusterNeverResubscribes() {
        long seed = 5;
        MembershipHarness harness =
                new MembershipHarness(new ScampMembershipProvider(), MembershipConfig.defaults(), seed);
        for (int i = 0; i < 30; i++) {
            harness.addAndJoin();
        }
        harness.runFor(Duration.ofSeconds(60), TICK);
        assertThat(harness.counterSum("resubscriptions")).as("seed %d", seed).isZero();
        assertThat(harness.counterSum("heartbeatsSent")).isEqualTo(harness.counterSum("heartbeatsReceived"));
    }

    @Test
    void aNodeWhoseContactNeverAnswersRetriesThroughItWithBackoff() {
        MembershipHarness harness =
                new MembershipHarness(new ScampMembershipProvider(), MembershipConfig.defaults(), 1);
        NodeId contact = harness.addNode();
        NodeId joiner = harness.addNode();
        harness.crash(contact);
        List<Long> subscribed = new ArrayList<>();
        harness.tap(envelope -> {
            if (envelope.message().type() == ScampMessageTypes.SUBSCRIBE) {
                subscribed.add(harness.nanoTime());
            }
        });
        long start = harness.nanoTime();
        harness.join(joiner, contact);
        harness.runFor(Duration.ofSeconds(60), TICK);
        // the join, then resubscriptions T after it and after waits of T, 2T, 4T
        assertThat(subscribed).extracting(time -> time - start).containsExactly(0L, T, 2 * T, 4 * T, 8 * T);
        assertThat(harness.membership(joiner).counters().get("resubscriptions")).isEqualTo(4L);
    }

    private static List<Long> intervals(List<Long> times) {
        List<Long> intervals = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            intervals.add(times.get(i) - times.get(i - 1));
        }
        return intervals;
    }
}
