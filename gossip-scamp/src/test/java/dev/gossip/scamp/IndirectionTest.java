package dev.gossip.scamp;

import static dev.gossip.scamp.Nodes.message;
import static dev.gossip.scamp.ScampMessageTypes.CONTACT;
import static dev.gossip.scamp.ScampMessageTypes.FORWARDED_SUBSCRIPTION;
import static dev.gossip.scamp.ScampMessageTypes.IN_VIEW_REMOVE;
import static dev.gossip.scamp.ScampMessageTypes.SUBSCRIBE;
import static dev.gossip.scamp.ScampMessageTypes.WALK;
import static dev.gossip.scamp.ScampMessageTypes.WALK_BACK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.scamp.RecordingContext.Sent;
import dev.gossip.testkit.MembershipHarness;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Indirection: first subscriptions walk from the node they reach to a random contact. */
class IndirectionTest {

    private static final MembershipConfig WALKING =
            MembershipConfig.builder().indirectionWalk(3).build();
    private static final NodeId S = RecordingContext.node("s");

    @Test
    void firstSubscriptionWalksInsteadOfStoppingAtTheFirstNode() {
        RecordingContext context = new RecordingContext("seed", 1);
        List<NodeId> partial = Nodes.named("j", 5);
        ScampMembership seed = Nodes.withViews(context, WALKING, partial, List.of());
        assertThat(seed.onMessage(message(SUBSCRIBE, S, S, ScampMessageTypes.SUBSCRIBE_JOIN)))
                .isTrue();
        assertThat(seed.inView()).isEmpty();
        // walk length max(3, |PV| = 5); the first step is proposed with 4 to go and degree 5
        assertThat(context.sent).singleElement().satisfies(sent -> {
            assertThat(sent.type()).isEqualTo(WALK);
            assertThat(partial).contains(sent.to());
            assertThat(sent.message().counter()).isEqualTo(Indirection.walkCounter(4, 5));
            assertThat(sent.message().nodes()).containsExactly(context.self());
        });
        assertThat(seed.counters()).containsEntry("walksStarted", 1L);
    }

    @Test
    void resubscriptionsAndNodesWithNowhereToWalkActAsContact() {
        RecordingContext context = new RecordingContext("seed", 1);
        ScampMembership seed = Nodes.withViews(context, WALKING, Nodes.named("j", 2), List.of());
        seed.onMessage(message(SUBSCRIBE, S, S, ScampMessageTypes.SUBSCRIBE_DIRECT));
        assertThat(context.sent(WALK)).isEmpty();
        assertThat(context.sent(FORWARDED_SUBSCRIPTION)).hasSize(3);

        RecordingContext lonely = new RecordingContext("lonely", 1);
        ScampMembership only = Nodes.withViews(lonely, WALKING, List.of(S), List.of());
        only.onMessage(message(SUBSCRIBE, S, S, ScampMessageTypes.SUBSCRIBE_JOIN));
        assertThat(lonely.sent(WALK)).isEmpty();
        assertThat(only.inView()).containsExactly(S);
    }

    @Test
    void aStepIsAcceptedByANodeOfSmallerDegreeAndEndsThereWithNoStepsToGo() {
        NodeId origin = RecordingContext.node("origin");
        RecordingContext context = new RecordingContext("w", 1);
        List<NodeId> partial = Nodes.named("j", 3);
        ScampMembership end = Nodes.withViews(context, WALKING, partial, List.of());
        assertThat(end.onMessage(new dev.gossip.spi.MembershipMessage(
                        WALK, RecordingContext.node("x"), S, Indirection.walkCounter(0, 50), List.of(origin))))
                .isTrue();
        assertThat(end.inView()).containsExactly(S);
        assertThat(context.sent(CONTACT))
                .containsExactly(new Sent(
                        S, new dev.gossip.spi.MembershipMessage(CONTACT, context.self(), S, 0, List.of(origin))));
        assertThat(context.sent(FORWARDED_SUBSCRIPTION)).hasSize(partial.size() + WALKING.c());
        assertThat(end.counters()).containsEntry("walksEnded", 1L);
    }

    @Test
    void aNodeOfLargerDegreeSendsMostStepsBack() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        int back = 0;
        for (int t = 0; t < 2_000; t++) {
            RecordingContext context = new RecordingContext(RecordingContext.node("y"), random.split());
            ScampMembership node = Nodes.withViews(context, WALKING, Nodes.named("j", 8), List.of());
            node.onMessage(new dev.gossip.spi.MembershipMessage(
                    WALK,
                    RecordingContext.node("x"),
                    S,
                    Indirection.walkCounter(5, 2),
                    List.of(RecordingContext.node("origin"))));
            back += context.sent(WALK_BACK).size();
            assertThat(context.sent(WALK).size() + context.sent(WALK_BACK).size())
                    .isEqualTo(1);
        }
        // accepted with probability 2/8
        assertThat(back).isBetween(1_350, 1_650);
    }

    @Test
    void contactNoticeReplacesTheOriginAndTellsIt() {
        NodeId origin = RecordingContext.node("origin");
        NodeId contact = RecordingContext.node("contact");
        RecordingContext context = new RecordingContext(S, new java.util.SplittableRandom(1));
        ScampMembership subscriber = Nodes.withViews(context, WALKING, List.of(origin), List.of());
        assertThat(subscriber.onMessage(new dev.gossip.spi.MembershipMessage(CONTACT, contact, S, 0, List.of(origin))))
                .isTrue();
        assertThat(subscriber.partialView()).containsExactly(contact);
        assertThat(context.sent(IN_VIEW_REMOVE)).containsExactly(new Sent(origin, message(IN_VIEW_REMOVE, S, null, 0)));
    }

    @Test
    void joinsThroughOneSeedSpreadAndKeepTheJoinInvariant() {
        long seed = 11;
        int n = 300;
        MembershipConfig config = MembershipConfig.builder().indirectionWalk(1).build();
        MembershipHarness harness = new MembershipHarness(new ScampMembershipProvider(), config, seed);
        NodeId first = harness.addNode();
        harness.join(harness.addNode(), first);
        harness.runUntilQuiet();
        for (int i = 2; i < n; i++) {
            Map<NodeId, Integer> views = new HashMap<>();
            Map<NodeId, Long> ended = new HashMap<>();
            for (NodeId id : harness.members()) {
                views.put(id, harness.membership(id).partialView().size());
                ended.put(id, harness.membership(id).counters().get("walksEnded"));
            }
            long total = harness.totalPartialViewSize();
            long dropped = harness.counterSum("forwardedDropped");
            harness.join(harness.addNode(), first);
            harness.runUntilQuiet();
            NodeId contact = ended.keySet().stream()
                    .filter(id -> harness.membership(id).counters().get("walksEnded") > ended.get(id))
                    .findFirst()
                    .orElseThrow();
            assertThat(harness.totalPartialViewSize() - total)
                    .as("seed %d, join %d via %s", seed, i, contact)
                    .isEqualTo(
                            views.get(contact) + config.c() + 1 - (harness.counterSum("forwardedDropped") - dropped));
        }
        double mean = harness.meanPartialViewSize();
        assertThat(harness.membership(first).inView().size())
                .as("seed %d: InView of the seed", seed)
                .isLessThan((int) (2 * mean));
        assertThat(harness.checks().all()).as("seed %d", seed).isEmpty();
        assertThat(harness.checks().unreachable(harness.members()))
                .as("seed %d", seed)
                .isEmpty();
    }
}
