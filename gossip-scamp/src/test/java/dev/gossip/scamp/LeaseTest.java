package dev.gossip.scamp;

import static dev.gossip.scamp.Nodes.message;
import static dev.gossip.scamp.ScampMessageTypes.FORWARDED_SUBSCRIPTION;
import static dev.gossip.scamp.ScampMessageTypes.IN_VIEW_REMOVE;
import static dev.gossip.scamp.ScampMessageTypes.KEPT;
import static dev.gossip.scamp.ScampMessageTypes.LEASE_EXPIRED;
import static dev.gossip.scamp.ScampMessageTypes.LEASE_EXTEND;
import static dev.gossip.scamp.ScampMessageTypes.LEASE_RELEASE;
import static dev.gossip.scamp.ScampMessageTypes.LEASE_RENEW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.scamp.RecordingContext.Sent;
import dev.gossip.testkit.MembershipHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Leases in the link-preserving variant: renewal, release on replacement, retry, expiry, and the mean view over time. */
class LeaseTest {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final MembershipConfig CONFIG = MembershipConfig.builder()
            .heartbeatInterval(Duration.ofSeconds(5))
            .isolationTimeout(Duration.ofSeconds(15))
            .lease(LEASE)
            .build();
    private static final Duration TICK = Duration.ofSeconds(1);

    @Test
    void meanPartialViewStaysFlatOverFiftyLeasesWhileLinksReshuffle() {
        // 400 nodes: the mean view after the joins varies with the join order by about ±9% (one
        // standard deviation) at 200 nodes, against ±20% allowed around (c+1)·ln n.
        int n = 400;
        int periods = 50;
        double expected = CONFIG.expectedViewSize(n);
        for (long seed = 1; seed <= 2; seed++) {
            MembershipHarness harness = new MembershipHarness(new ScampMembershipProvider(), CONFIG, seed);
            for (int i = 0; i < n; i++) {
                harness.addAndJoin();
            }
            double start = harness.meanPartialViewSize();
            Set<String> startLinks = links(harness);
            StringBuilder means = new StringBuilder();
            for (int p = 0; p < periods; p++) {
                harness.runFor(LEASE, TICK);
                double mean = harness.meanPartialViewSize();
                means.append(String.format(" %.2f", mean));
                assertThat(mean)
                        .as("seed %d: mean PV per lease, from %.2f:%s", seed, start, means)
                        .isBetween(start * 0.95, start * 1.05)
                        .isBetween(expected * 0.8, expected * 1.2);
            }
            Set<String> kept = new HashSet<>(links(harness));
            kept.retainAll(startLinks);
            assertThat(kept.size())
                    .as("seed %d: links unchanged after %d leases", seed, periods)
                    .isLessThan(startLinks.size() / 10);
            assertThat(harness.counterSum("leaseRenewals")).as("seed %d", seed).isGreaterThan((long)
                    (0.9 * n * periods));
            assertThat(harness.checks().all()).as("seed %d", seed).isEmpty();
            assertThat(harness.checks().unreachable(harness.members()))
                    .as("seed %d", seed)
                    .isEmpty();
        }
    }

    @Test
    void aCrashedNodeLeavesEveryViewWithinTwoLeases() {
        long seed = 3;
        MembershipHarness harness = new MembershipHarness(new ScampMembershipProvider(), CONFIG, seed);
        for (int i = 0; i < 60; i++) {
            harness.addAndJoin();
        }
        harness.runFor(LEASE.multipliedBy(3), TICK);
        NodeId crashed = harness.members().get(17);
        harness.crash(crashed);
        harness.runFor(LEASE.multipliedBy(2).plus(TICK), TICK);
        assertThat(harness.checks().holdersOf(crashed)).as("seed %d", seed).isEmpty();
        assertThat(harness.counterSum("leasesExpired")).isPositive();
        assertThat(harness.checks().all()).as("seed %d", seed).isEmpty();
        assertThat(harness.checks().unreachable(harness.members()))
                .as("seed %d", seed)
                .isEmpty();
    }

    @Test
    void renewalReleasesAnOldInLinkForEachNewHolderAndAsksAgainForMissingCopies() {
        RecordingContext context = new RecordingContext("s", 1);
        List<NodeId> partial = Nodes.named("j", 3);
        List<NodeId> in = Nodes.named("i", 4);
        List<NodeId> keepers = Nodes.named("k", 4);
        ScampMembership node = Nodes.withViews(context, CONFIG, partial, in);
        List<NodeId> alive = new ArrayList<>(in);
        alive.addAll(keepers.subList(0, 2));
        // the first renewal falls within [lease/2, 3·lease/2]
        for (int second = 0; second < 91 && context.sent(LEASE_RENEW).isEmpty(); second++) {
            tick(context, node, in);
        }
        assertThat(context.sent(LEASE_RENEW))
                .singleElement()
                .matches(sent -> partial.contains(sent.to()) && sent.message().counter() == in.size());
        assertThat(context.sent(LEASE_RELEASE))
                .as("nothing released before a copy is kept")
                .isEmpty();
        assertThat(context.sent(LEASE_EXTEND)).extracting(Sent::to).containsExactlyInAnyOrderElementsOf(in);
        node.onMessage(message(KEPT, keepers.get(0), context.self(), 0));
        node.onMessage(message(KEPT, keepers.get(1), context.self(), 0));
        assertThat(context.sent(LEASE_RELEASE)).hasSize(2);
        // two copies went astray: after the isolation timeout the two missing are asked for again
        for (int second = 0; second < 15; second++) {
            tick(context, node, alive);
        }
        assertThat(context.sent(LEASE_RENEW))
                .hasSize(2)
                .last()
                .matches(sent -> partial.contains(sent.to()) && sent.message().counter() == 2)
                .matches(
                        sent -> !sent.to()
                                .equals(context.sent(LEASE_RENEW).get(0).to()),
                        "another member");
        node.onMessage(message(KEPT, keepers.get(2), context.self(), 0));
        node.onMessage(message(KEPT, keepers.get(3), context.self(), 0));
        assertThat(context.sent(LEASE_RELEASE)).extracting(Sent::to).containsExactlyInAnyOrderElementsOf(in);
        assertThat(node.inView()).as("in-links stay until each holder confirms").hasSize(in.size() + keepers.size());
        for (NodeId member : in) {
            node.onMessage(message(IN_VIEW_REMOVE, member, null, 0));
        }
        assertThat(node.inView()).containsExactlyInAnyOrderElementsOf(keepers);
        assertThat(node.counters())
                .containsEntry("resubscriptions", 0L)
                .containsEntry("leaseRenewals", 1L)
                .containsEntry("leaseRetries", 1L)
                .containsEntry("leaseReleases", 4L);
    }

    @Test
    void anInLinkLostToACrashOrAnExpiredLeaseIsReplaced() {
        RecordingContext context = new RecordingContext("s", 1);
        List<NodeId> partial = Nodes.named("j", 3);
        List<NodeId> in = Nodes.named("i", 4);
        ScampMembership node = Nodes.withViews(context, CONFIG, partial, in);
        // i3 falls silent (crashed): once the isolation timeout drops it, one copy is asked for
        for (int second = 0; second < 16; second++) {
            tick(context, node, in.subList(0, 3));
        }
        assertThat(node.inView()).containsExactlyInAnyOrderElementsOf(in.subList(0, 3));
        assertThat(context.sent(LEASE_RENEW))
                .singleElement()
                .matches(sent -> sent.message().counter() == 1);
        node.onMessage(message(KEPT, RecordingContext.node("k"), context.self(), 0));
        assertThat(context.sent(LEASE_RELEASE))
                .as("a replacement releases nothing")
                .isEmpty();
        // i0 saw this node's lease run out (its renewal copies went astray): replaced as well
        assertThat(node.onMessage(message(LEASE_EXPIRED, in.get(0), null, 0))).isTrue();
        tick(context, node, in.subList(1, 3));
        assertThat(node.inView()).doesNotContain(in.get(0));
        assertThat(context.sent(LEASE_RENEW))
                .hasSize(2)
                .last()
                .matches(sent -> sent.message().counter() == 1);
        assertThat(node.counters()).containsEntry("leaseTopUps", 2L).containsEntry("leaseReleases", 0L);
    }

    private static void tick(RecordingContext context, ScampMembership node, List<NodeId> heard) {
        context.now += TICK.toNanos();
        for (NodeId member : heard) {
            node.onMessage(message(ScampMessageTypes.HEARTBEAT, member, null, 0));
        }
        node.onTick();
    }

    @Test
    void holderDropsTheRenewingNodeAndAlwaysConfirms() {
        NodeId s = RecordingContext.node("s");
        NodeId a = RecordingContext.node("a");
        RecordingContext context = new RecordingContext("h", 1);
        ScampMembership holder = Nodes.withViews(context, CONFIG, List.of(s, a), List.of(a));
        assertThat(holder.onMessage(message(LEASE_RELEASE, s, null, 0, a))).isTrue();
        assertThat(holder.partialView()).containsExactly(a);
        assertThat(holder.onMessage(message(LEASE_RELEASE, s, null, 0))).isTrue();
        assertThat(context.sent(IN_VIEW_REMOVE)).extracting(Sent::to).containsExactly(s, s);
    }

    @Test
    void anExtensionRestartsTheLeaseClockOfTheSendersEntry() {
        NodeId s = RecordingContext.node("s");
        NodeId a = RecordingContext.node("a");
        RecordingContext context = new RecordingContext("h", 1);
        ScampMembership holder = Nodes.withViews(context, CONFIG, List.of(s, a), List.of(a));
        context.now += LEASE.toNanos() * 3 / 2;
        assertThat(holder.onMessage(message(LEASE_EXTEND, s, null, 0))).isTrue();
        context.now += LEASE.toNanos() * 3 / 2;
        holder.onTick();
        assertThat(holder.partialView())
                .as("s extended its lease, a did not")
                .contains(s)
                .doesNotContain(a);
        assertThat(context.sent(LEASE_EXPIRED)).extracting(Sent::to).containsExactly(a);
    }

    @Test
    void partialViewMemberIssuesTheRequestedCopies() {
        NodeId s = RecordingContext.node("s");
        RecordingContext context = new RecordingContext("p", 1);
        ScampMembership member = Nodes.withViews(context, CONFIG, Nodes.named("j", 5), List.of(s));
        assertThat(member.onMessage(message(LEASE_RENEW, s, s, 6))).isTrue();
        assertThat(context.sent(FORWARDED_SUBSCRIPTION).size()
                        + context.sent(KEPT).size())
                .isEqualTo(6);
        assertThat(context.sent(KEPT)).hasSizeLessThanOrEqualTo(1);
        assertThat(member.onMessage(message(LEASE_RENEW, s, s, 0))).isFalse();
        assertThat(member.onMessage(message(LEASE_RENEW, s, RecordingContext.node("x"), 3)))
                .isFalse();
        assertThat(member.counters()).containsEntry("leaseCopies", 6L);
    }

    private static Set<String> links(MembershipHarness harness) {
        Set<String> links = new HashSet<>();
        for (NodeId id : harness.members()) {
            for (NodeId to : harness.membership(id).partialView()) {
                links.add(id + ">" + to);
            }
        }
        return links;
    }
}
