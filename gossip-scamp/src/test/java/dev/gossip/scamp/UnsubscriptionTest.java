package dev.gossip.scamp;

import static dev.gossip.scamp.Nodes.message;
import static dev.gossip.scamp.ScampMessageTypes.IN_VIEW_ADD;
import static dev.gossip.scamp.ScampMessageTypes.IN_VIEW_REMOVE;
import static dev.gossip.scamp.ScampMessageTypes.UNSUBSCRIBE_REMOVE;
import static dev.gossip.scamp.ScampMessageTypes.UNSUBSCRIBE_REPLACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.ViewChange;
import dev.gossip.scamp.RecordingContext.Sent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leaver's index ranges (paper §2.2.2) and the receivers' handling of its notices. */
class UnsubscriptionTest {

    private static final NodeId LEAVER = RecordingContext.node("leaver");
    /** An InView member, so that the receivers below are joined and have no reason to resubscribe. */
    private static final List<NodeId> HOLDER = List.of(RecordingContext.node("h"));

    @Test
    void replacementCountGuardsAnEmptyPartialViewAndSmallInViews() {
        assertThat(Unsubscriptions.replacements(0, 3, 1)).isZero();
        assertThat(Unsubscriptions.replacements(2, 3, 1)).isZero();
        assertThat(Unsubscriptions.replacements(3, 3, 1)).isEqualTo(1);
        assertThat(Unsubscriptions.replacements(10, 3, 2)).isEqualTo(7);
        assertThat(Unsubscriptions.replacements(10, 0, 2)).isZero();
        assertThat(Unsubscriptions.replacements(1, 5, 0)).isZero();
        assertThat(Unsubscriptions.replacements(2, 5, 0)).isEqualTo(1);
    }

    @Test
    void firstInViewMembersReplaceByPartialViewModuloAndTheLastCPlusOneRemove() {
        for (int c = 0; c <= 3; c++) {
            for (int inSize = 0; inSize <= 7; inSize++) {
                for (int pvSize : new int[] {0, 1, 2, 5}) {
                    checkLeave(c, inSize, pvSize);
                }
            }
        }
    }

    private static void checkLeave(int c, int inSize, int pvSize) {
        String when = "c=" + c + ", l'=" + inSize + ", l=" + pvSize;
        RecordingContext context = new RecordingContext(LEAVER, new java.util.SplittableRandom(c));
        ScampMembership leaver = Nodes.withViews(
                context, MembershipConfig.builder().c(c).build(), Nodes.named("j", pvSize), Nodes.named("i", inSize));
        List<NodeId> in = List.copyOf(leaver.inView());
        List<NodeId> partial = List.copyOf(leaver.partialView());

        leaver.leave();

        int replacing = pvSize == 0 ? 0 : Math.max(0, inSize - c - 1);
        List<Sent> expected = new ArrayList<>();
        for (int k = 0; k < inSize; k++) {
            NodeId j = pvSize == 0 ? null : partial.get(k % pvSize);
            if (k < replacing) {
                expected.add(new Sent(in.get(k), message(UNSUBSCRIBE_REPLACE, LEAVER, null, 0, j)));
            } else {
                expected.add(new Sent(
                        in.get(k),
                        j == null
                                ? message(UNSUBSCRIBE_REMOVE, LEAVER, null, 0)
                                : message(UNSUBSCRIBE_REMOVE, LEAVER, null, 0, j)));
            }
        }
        for (NodeId j : partial) {
            expected.add(new Sent(j, message(IN_VIEW_REMOVE, LEAVER, null, 0)));
        }
        assertThat(context.sent).as(when).containsExactlyElementsOf(expected);
        assertThat(leaver.partialView()).as(when).isEmpty();
        assertThat(leaver.inView()).as(when).isEmpty();
        assertThat(context.changes)
                .as(when)
                .hasSize(inSize + pvSize)
                .allMatch(change -> change.kind() == ViewChange.Kind.REMOVED);
        assertThat(leaver.isJoined()).isFalse();
    }

    @Test
    void anInViewMemberIsNeverOfferedItselfAsReplacement() {
        NodeId a = RecordingContext.node("a");
        NodeId b = RecordingContext.node("b");
        NodeId x = RecordingContext.node("x");
        NodeId y = RecordingContext.node("y");
        RecordingContext context = new RecordingContext(LEAVER, new java.util.SplittableRandom(1));
        // c = 0: l' = 3 -> the first two replace, the last removes. a and b are in both views.
        ScampMembership leaver =
                Nodes.withViews(context, MembershipConfig.builder().c(0).build(), List.of(a, b), List.of(a, b, x));
        List<NodeId> in = List.copyOf(leaver.inView());
        List<NodeId> partial = List.copyOf(leaver.partialView());
        leaver.leave();
        for (Sent sent : context.sent) {
            if (sent.type() != IN_VIEW_REMOVE) {
                assertThat(sent.message().nodes())
                        .as("%s", sent)
                        .doesNotContain(sent.to())
                        .hasSize(1);
            }
        }
        assertThat(Unsubscriptions.replacementFor(a, 0, List.of(a))).isNull();
        assertThat(Unsubscriptions.replacementFor(y, 3, List.of(a, b))).isEqualTo(b);
        assertThat(Unsubscriptions.replacementFor(b, 1, List.of(a, b))).isEqualTo(a);
        assertThat(in).hasSize(3);
        assertThat(partial).hasSize(2);
    }

    @Test
    void replaceSwapsTheLeaverForTheReplacementAndTellsIt() {
        NodeId a = RecordingContext.node("a");
        NodeId b = RecordingContext.node("b");
        RecordingContext context = new RecordingContext("r", 1);
        ScampMembership node = Nodes.withViews(context, MembershipConfig.defaults(), List.of(LEAVER, a), HOLDER);
        assertThat(node.onMessage(message(UNSUBSCRIBE_REPLACE, LEAVER, null, 0, b)))
                .isTrue();
        assertThat(node.partialView()).containsExactlyInAnyOrder(a, b);
        assertThat(context.sent).containsExactly(new Sent(b, message(IN_VIEW_ADD, context.self(), null, 0)));
        assertThat(node.counters()).containsEntry("replacements", 1L).containsEntry("unsubscriptions", 1L);
    }

    @Test
    void replaceOnlyRemovesWhenTheLeaverIsNotHeldOrTheReplacementIsSelfOrHeld() {
        NodeId a = RecordingContext.node("a");
        NodeId b = RecordingContext.node("b");
        RecordingContext context = new RecordingContext("r", 1);
        ScampMembership node = Nodes.withViews(context, MembershipConfig.defaults(), List.of(a, b), HOLDER);
        assertThat(node.onMessage(message(UNSUBSCRIBE_REPLACE, LEAVER, null, 0, RecordingContext.node("z"))))
                .isTrue();
        assertThat(node.partialView()).containsExactlyInAnyOrder(a, b);

        node = Nodes.withViews(context, MembershipConfig.defaults(), List.of(LEAVER, a), HOLDER);
        assertThat(node.onMessage(message(UNSUBSCRIBE_REPLACE, LEAVER, null, 0, context.self())))
                .isTrue();
        assertThat(node.partialView()).containsExactly(a);

        node = Nodes.withViews(context, MembershipConfig.defaults(), List.of(LEAVER, a), HOLDER);
        assertThat(node.onMessage(message(UNSUBSCRIBE_REPLACE, LEAVER, null, 0, a)))
                .isTrue();
        assertThat(node.partialView()).containsExactly(a);
        assertThat(context.sent(IN_VIEW_ADD)).isEmpty();
    }

    @Test
    void replaceByTheLeaverItselfOrWithoutNodesIsRejectedUnchanged() {
        RecordingContext context = new RecordingContext("r", 1);
        NodeId a = RecordingContext.node("a");
        ScampMembership node = Nodes.withViews(context, MembershipConfig.defaults(), List.of(LEAVER, a), HOLDER);
        assertThat(node.onMessage(message(UNSUBSCRIBE_REPLACE, LEAVER, null, 0, LEAVER)))
                .isFalse();
        assertThat(node.onMessage(message(UNSUBSCRIBE_REPLACE, LEAVER, null, 0)))
                .isFalse();
        assertThat(node.partialView()).containsExactlyInAnyOrder(LEAVER, a);
        assertThat(node.counters()).containsEntry("rejected", 2L);
    }

    @Test
    void removeTakesTheFallbackOnlyWhenItWouldEmptyThePartialView() {
        NodeId a = RecordingContext.node("a");
        NodeId b = RecordingContext.node("b");
        RecordingContext context = new RecordingContext("r", 1);
        ScampMembership node = Nodes.withViews(context, MembershipConfig.defaults(), List.of(LEAVER, a), HOLDER);
        assertThat(node.onMessage(message(UNSUBSCRIBE_REMOVE, LEAVER, null, 0, b)))
                .isTrue();
        assertThat(node.partialView()).containsExactly(a);
        assertThat(context.sent(IN_VIEW_ADD)).isEmpty();

        node = Nodes.withViews(context, MembershipConfig.defaults(), List.of(LEAVER), List.of(a));
        assertThat(node.onMessage(message(UNSUBSCRIBE_REMOVE, LEAVER, null, 0, b)))
                .isTrue();
        assertThat(node.partialView()).containsExactly(b);
        assertThat(context.sent(IN_VIEW_ADD))
                .containsExactly(new Sent(b, message(IN_VIEW_ADD, context.self(), null, 0)));
    }

    @Test
    void inViewNoticesAddAndRemoveTheSender() {
        NodeId a = RecordingContext.node("a");
        RecordingContext context = new RecordingContext("r", 1);
        ScampMembership node = Nodes.withViews(context, MembershipConfig.defaults(), List.of(), List.of());
        assertThat(node.onMessage(message(IN_VIEW_ADD, a, null, 0))).isTrue();
        assertThat(node.inView()).containsExactly(a);
        assertThat(node.isJoined()).isTrue();
        assertThat(node.onMessage(message(IN_VIEW_REMOVE, a, null, 0))).isTrue();
        assertThat(node.inView()).isEmpty();
    }
}
