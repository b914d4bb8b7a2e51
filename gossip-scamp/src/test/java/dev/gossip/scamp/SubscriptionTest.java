package dev.gossip.scamp;

import static dev.gossip.scamp.Nodes.message;
import static dev.gossip.scamp.ScampMessageTypes.FORWARDED_SUBSCRIPTION;
import static dev.gossip.scamp.ScampMessageTypes.KEPT;
import static dev.gossip.scamp.ScampMessageTypes.SUBSCRIBE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.ViewChange;
import dev.gossip.scamp.RecordingContext.Sent;
import dev.gossip.spi.MembershipMessage;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** One node's side of subscription: joining, acting as contact, keeping or forwarding copies. */
class SubscriptionTest {

    private static final NodeId S = RecordingContext.node("s");

    @Test
    void joinPutsTheContactInThePartialViewAndSubscribesThroughIt() {
        RecordingContext context = new RecordingContext("s", 1);
        ScampMembership node = new ScampMembership(
                MembershipConfig.builder().indirectionWalk(0).build(), context);
        NodeId contact = RecordingContext.node("contact");
        node.join(contact);
        assertThat(node.partialView()).containsExactly(contact);
        assertThat(context.changes)
                .containsExactly(new ViewChange(ViewChange.View.PARTIAL_VIEW, ViewChange.Kind.ADDED, contact));
        assertThat(context.sent).containsExactly(new Sent(contact, message(SUBSCRIBE, S, S, 0)));
        assertThat(node.isJoined()).isFalse();
        assertThatThrownBy(() -> node.join(S)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contactForwardsToEveryPartialViewMemberPlusCRandomCopies() {
        for (int c = 0; c <= 3; c++) {
            RecordingContext context = new RecordingContext("contact", c);
            List<NodeId> partial = Nodes.named("j", 4);
            ScampMembership contact = Nodes.withViews(
                    context, MembershipConfig.builder().indirectionWalk(0).c(c).build(), partial, List.of());
            assertThat(contact.onMessage(message(SUBSCRIBE, S, S, 0))).isTrue();
            assertThat(contact.inView()).containsExactly(S);
            List<Sent> copies = context.sent(FORWARDED_SUBSCRIPTION);
            assertThat(copies)
                    .as("c=%d", c)
                    .hasSize(partial.size() + c)
                    .allMatch(sent ->
                            sent.message().subject().equals(S) && sent.message().counter() == 0)
                    .allMatch(sent -> partial.contains(sent.to()));
            assertThat(copies.subList(0, partial.size()))
                    .extracting(Sent::to)
                    .containsExactlyInAnyOrderElementsOf(partial);
            assertThat(contact.counters()).containsEntry("forwardedSubscriptions", (long) partial.size() + c);
        }
    }

    @Test
    void contactWithAnEmptyPartialViewKeepsTheSubscriber() {
        RecordingContext context = new RecordingContext("contact", 1);
        ScampMembership contact = new ScampMembership(
                MembershipConfig.builder().indirectionWalk(0).build(), context);
        assertThat(contact.onMessage(message(SUBSCRIBE, S, S, 0))).isTrue();
        assertThat(contact.partialView()).containsExactly(S);
        assertThat(contact.inView()).containsExactly(S);
        assertThat(context.sent).containsExactly(new Sent(S, message(KEPT, context.self(), S, 0)));
    }

    @Test
    void directSubscriptionIsAlsoKeptByTheContactAndAFirstJoinIsNot() {
        List<NodeId> partial = Nodes.named("j", 3);
        MembershipConfig config =
                MembershipConfig.builder().indirectionWalk(0).c(1).build();
        RecordingContext first = new RecordingContext("contact", 1);
        ScampMembership contact = Nodes.withViews(first, config, partial, List.of());
        assertThat(contact.onMessage(message(SUBSCRIBE, S, S, ScampMessageTypes.SUBSCRIBE_JOIN)))
                .isTrue();
        assertThat(contact.partialView()).doesNotContain(S);
        assertThat(first.sent(KEPT)).isEmpty();

        // A retry: the copies go out as for a first join (the PV may hold only crashed nodes), and
        // the contact, alive by definition, keeps the subscriber too.
        RecordingContext retry = new RecordingContext("contact", 1);
        contact = Nodes.withViews(retry, config, partial, List.of());
        assertThat(contact.onMessage(message(SUBSCRIBE, S, S, ScampMessageTypes.SUBSCRIBE_DIRECT)))
                .isTrue();
        assertThat(retry.sent(FORWARDED_SUBSCRIPTION))
                .hasSize(partial.size() + 1)
                .noneMatch(sent -> sent.to().equals(S));
        assertThat(contact.partialView()).contains(S);
        assertThat(retry.sent(KEPT)).containsExactly(new Sent(S, message(KEPT, retry.self(), S, 0)));
    }

    /**
     * A direct subscription (a retry) reaching a contact that already holds the subscriber in its
     * partial view: the copies go out, but the contact keeps nothing a second time (no second
     * KEPT, no count), so the retry adds links elsewhere rather than re-keeping one.
     */
    @Test
    void aContactAlreadyHoldingTheSubscriberDoesNotKeepItAgain() {
        List<NodeId> partial = new java.util.ArrayList<>(Nodes.named("j", 3));
        partial.add(S);
        MembershipConfig config =
                MembershipConfig.builder().indirectionWalk(0).c(1).build();
        RecordingContext context = new RecordingContext("contact", 1);
        ScampMembership contact = Nodes.withViews(context, config, partial, List.of());
        long keptBefore = contact.counters().get("subscriptionsKept");
        assertThat(contact.onMessage(message(SUBSCRIBE, S, S, ScampMessageTypes.SUBSCRIBE_DIRECT)))
                .isTrue();
        assertThat(context.sent(KEPT)).isEmpty();
        assertThat(contact.counters()).containsEntry("subscriptionsKept", keptBefore);
        assertThat(contact.partialView()).containsExactlyInAnyOrderElementsOf(partial);
        assertThat(contact.inView()).containsExactly(S);
        assertThat(context.sent(FORWARDED_SUBSCRIPTION)).hasSize(partial.size() + 1);
    }

    @Test
    void keptNoticeAddsTheKeeperToTheInView() {
        RecordingContext context = new RecordingContext("s", 1);
        ScampMembership node = new ScampMembership(
                MembershipConfig.builder().indirectionWalk(0).build(), context);
        NodeId keeper = RecordingContext.node("keeper");
        assertThat(node.onMessage(message(KEPT, keeper, S, 0))).isTrue();
        assertThat(node.inView()).containsExactly(keeper);
        assertThat(node.isJoined()).isTrue();
        assertThat(node.onMessage(message(KEPT, RecordingContext.node("x"), RecordingContext.node("y"), 0)))
                .isFalse();
        assertThat(node.inView()).containsExactly(keeper);
    }

    @Test
    void forwardedCopyIsKeptWithProbabilityOneOverOnePlusPartialViewSize() {
        long seed = 20_261_125;
        SplittableRandom random = new SplittableRandom(seed);
        int trials = 8_000;
        for (int size : new int[] {0, 1, 3, 7}) {
            List<NodeId> partial = Nodes.named("j", size);
            int kept = 0;
            for (int t = 0; t < trials; t++) {
                RecordingContext context = new RecordingContext(RecordingContext.node("k"), random.split());
                ScampMembership node = Nodes.withViews(
                        context, MembershipConfig.builder().indirectionWalk(0).build(), partial, List.of());
                node.onMessage(message(FORWARDED_SUBSCRIPTION, RecordingContext.node("from"), S, 3));
                if (!context.sent(KEPT).isEmpty()) {
                    kept++;
                    assertThat(node.partialView()).contains(S);
                } else {
                    assertThat(context.sent(FORWARDED_SUBSCRIPTION))
                            .singleElement()
                            .matches(sent -> sent.message().counter() == 4 && partial.contains(sent.to()));
                }
            }
            double expected = trials / (1.0 + size);
            assertThat((double) kept)
                    .as("seed %d, |PV| = %d: kept %d of %d", seed, size, kept, trials)
                    .isBetween(expected * 0.9, expected * 1.1);
        }
    }

    @Test
    void subscriberItselfOrOneAlreadyHeldIsNeverKept() {
        SplittableRandom random = new SplittableRandom(5);
        NodeId a = RecordingContext.node("a");
        for (int t = 0; t < 200; t++) {
            RecordingContext context = new RecordingContext(S, random.split());
            ScampMembership node = Nodes.withViews(
                    context, MembershipConfig.builder().indirectionWalk(0).build(), List.of(a), List.of());
            node.onMessage(message(FORWARDED_SUBSCRIPTION, a, S, 0));
            node.onMessage(message(FORWARDED_SUBSCRIPTION, a, a, 0));
            assertThat(context.sent(KEPT)).isEmpty();
            assertThat(context.sent(FORWARDED_SUBSCRIPTION))
                    .hasSize(2)
                    .allMatch(sent -> sent.to().equals(a));
            assertThat(node.partialView()).containsExactly(a);
        }
    }

    @Test
    void loopGuardDropsACopyAtForwardHopFactorTimesOnePlusPartialViewHops() {
        NodeId a = RecordingContext.node("a");
        NodeId b = RecordingContext.node("b");
        MembershipConfig config = MembershipConfig.builder()
                .indirectionWalk(0)
                .forwardHopFactor(10)
                .build();
        RecordingContext context = new RecordingContext("k", 1);
        ScampMembership node = Nodes.withViews(context, config, List.of(a, b), List.of());
        // a is already held, so the copy cannot be kept; the limit is 10 * (1 + 2) = 30 hops.
        assertThat(node.onMessage(message(FORWARDED_SUBSCRIPTION, b, a, 29))).isTrue();
        assertThat(context.sent(FORWARDED_SUBSCRIPTION))
                .singleElement()
                .matches(sent -> sent.message().counter() == 30);
        assertThat(node.onMessage(message(FORWARDED_SUBSCRIPTION, b, a, 30))).isTrue();
        assertThat(context.sent(FORWARDED_SUBSCRIPTION)).hasSize(1);
        assertThat(node.counters()).containsEntry("forwardedDropped", 1L);

        RecordingContext context3 = new RecordingContext("k", 1);
        ScampMembership recent = Nodes.withViews(context3, config, List.of(a), Nodes.named("i", 5));
        // A node with a PV of one but an InView of five guards with 10 * (1 + 5) = 60 hops.
        recent.onMessage(message(FORWARDED_SUBSCRIPTION, b, a, 59));
        assertThat(context3.sent(FORWARDED_SUBSCRIPTION))
                .singleElement()
                .matches(sent -> sent.message().counter() == 60);
        recent.onMessage(message(FORWARDED_SUBSCRIPTION, b, a, 60));
        assertThat(recent.counters()).containsEntry("forwardedDropped", 1L);

        MembershipConfig wide = MembershipConfig.builder()
                .indirectionWalk(0)
                .forwardHopFactor(1_000)
                .build();
        RecordingContext context2 = new RecordingContext("k", 1);
        ScampMembership node2 = Nodes.withViews(context2, wide, Nodes.named("j", 100), List.of());
        node2.onMessage(message(FORWARDED_SUBSCRIPTION, b, RecordingContext.node("j0"), MembershipMessage.MAX_COUNTER));
        assertThat(context2.sent).isEmpty();
        assertThat(node2.counters()).containsEntry("forwardedDropped", 1L);
    }

    @Test
    void aCopyPastHalfItsBudgetIsKeptByTheFirstNodeThatCan() {
        SplittableRandom random = new SplittableRandom(9);
        List<NodeId> partial = Nodes.named("j", 7);
        for (int t = 0; t < 100; t++) {
            RecordingContext context = new RecordingContext(RecordingContext.node("k"), random.split());
            ScampMembership node = Nodes.withViews(
                    context, MembershipConfig.builder().indirectionWalk(0).build(), partial, List.of());
            // guard 10 * (1 + 7) = 80: from 40 hops on the copy is kept for sure
            node.onMessage(message(FORWARDED_SUBSCRIPTION, RecordingContext.node("from"), S, 40));
            assertThat(context.sent(KEPT)).hasSize(1);
        }
    }

    @Test
    void aNodeWithAnEmptyPartialViewDropsACopyOfItself() {
        RecordingContext context = new RecordingContext(S, new SplittableRandom(1));
        ScampMembership node = new ScampMembership(
                MembershipConfig.builder().indirectionWalk(0).build(), context);
        assertThat(node.onMessage(message(FORWARDED_SUBSCRIPTION, RecordingContext.node("a"), S, 0)))
                .isTrue();
        assertThat(context.sent).isEmpty();
        assertThat(node.partialView()).isEmpty();
        assertThat(node.counters()).containsEntry("forwardedDropped", 1L);
    }

    @Test
    void estimatedSizeInvertsTheMeanViewFormula() {
        RecordingContext context = new RecordingContext("k", 1);
        assertThat(new ScampMembership(
                                MembershipConfig.builder().indirectionWalk(0).build(), context)
                        .estimatedSize())
                .isEqualTo(1.0);
        ScampMembership node = Nodes.withViews(
                context, MembershipConfig.builder().indirectionWalk(0).c(2).build(), Nodes.named("j", 6), List.of());
        assertThat(node.estimatedSize()).isCloseTo(Math.exp(2), org.assertj.core.data.Offset.offset(1e-9));
    }
}
