package dev.gossip.scamp;

import static dev.gossip.scamp.ScampMessageTypes.FORWARDED_SUBSCRIPTION;
import static dev.gossip.scamp.ScampMessageTypes.LEASE_EXTEND;
import static dev.gossip.scamp.ScampMessageTypes.LEASE_RENEW;
import static dev.gossip.scamp.ScampMessageTypes.SUBSCRIBE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.testkit.MembershipHarness;
import dev.gossip.testkit.MembershipHarness.Envelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The effect of a lease extension ({@link ScampMessageTypes#LEASE_EXTEND}) on the holders' partial
 * views, in a running cluster: a live node whose renewal copies all go astray keeps every link it
 * had, far past the two leases after which its entries would expire without the extensions, and
 * loses them within two leases once its extensions stop arriving.
 *
 * <p>Issue 11: the unit test of the extension looks at one holder fed a hand-made message; this
 * one watches the holders of a real renewing node.
 */
class LeaseExtensionEffectTest {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final MembershipConfig CONFIG = MembershipConfig.builder()
            .heartbeatInterval(Duration.ofSeconds(5))
            .isolationTimeout(Duration.ofSeconds(15))
            .lease(LEASE)
            .build();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 2L, 3L})
    void aLiveNodeThatExtendsKeepsItsHoldersAndLosesThemWhenExtensionsStop(long seed) {
        MembershipHarness harness = new MembershipHarness(new ScampMembershipProvider(), CONFIG, seed);
        for (int i = 0; i < 40; i++) {
            harness.addAndJoin();
        }
        harness.runFor(LEASE.multipliedBy(2), TICK);
        List<NodeId> members = harness.members();
        NodeId renewing = members.get(harness.random().nextInt(members.size()));
        List<NodeId> holders = holdersOf(harness, renewing);
        assertThat(holders).as("seed %d: holders of %s", seed, renewing).isNotEmpty();

        // Every copy of the renewing node goes astray from now on: it gets no new holder, so no
        // old one is ever released; only its extensions reach the holders.
        AtomicLong extensions = new AtomicLong();
        harness.tap(envelope -> {
            if (envelope.from().equals(renewing) && envelope.message().type() == LEASE_EXTEND) {
                extensions.incrementAndGet();
            }
        });
        harness.filter(envelope -> !copyOf(envelope, renewing));
        long renewalsBefore = harness.membership(renewing).counters().get("leaseRenewals");
        for (int period = 1; period <= 4; period++) {
            harness.runFor(LEASE, TICK);
            for (NodeId holder : holders) {
                assertThat(harness.membership(holder).partialView())
                        .as(
                                "seed %d: %s still holds %s after %d leases without a kept copy (%d LEASE_EXTEND messages sent by it)",
                                seed, holder, renewing, period, extensions.get())
                        .contains(renewing);
            }
        }
        assertThat(harness.membership(renewing).counters().get("leaseRenewals") - renewalsBefore)
                .as("seed %d: renewals of %s in four leases", seed, renewing)
                .isGreaterThanOrEqualTo(3);
        assertThat(harness.checks().all()).as("seed %d", seed).isEmpty();

        // The extensions stop too: within two leases of the last one, every holder drops it.
        harness.filter(envelope -> !copyOf(envelope, renewing)
                && !(envelope.from().equals(renewing) && envelope.message().type() == LEASE_EXTEND));
        harness.runFor(LEASE.multipliedBy(2).plus(TICK.multipliedBy(2)), TICK);
        assertThat(holdersOf(harness, renewing))
                .as("seed %d: holders of %s two leases after its last extension", seed, renewing)
                .isEmpty();
        assertThat(harness.membership(renewing).partialView())
                .as("seed %d: %s is alive and still gossips", seed, renewing)
                .isNotEmpty();
    }

    /** A message that could give {@code node} a new holder: its renewal request, subscription or a copy. */
    private static boolean copyOf(Envelope envelope, NodeId node) {
        int type = envelope.message().type();
        return envelope.from().equals(node) && (type == LEASE_RENEW || type == SUBSCRIBE)
                || type == FORWARDED_SUBSCRIPTION
                        && node.equals(envelope.message().subject());
    }

    private static List<NodeId> holdersOf(MembershipHarness harness, NodeId node) {
        List<NodeId> holders = new ArrayList<>();
        for (NodeId id : harness.members()) {
            if (harness.membership(id).partialView().contains(node)) {
                holders.add(id);
            }
        }
        return holders;
    }
}
