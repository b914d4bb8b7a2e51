package dev.gossip.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.Address;
import dev.gossip.DisseminationConfig;
import dev.gossip.NodeId;
import dev.gossip.ViewChange;
import dev.gossip.spi.DigestFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The eager/lazy push state machine alone: what it sends to whom, and when. */
@Timeout(10)
class PushTreeTest {

    private static final long MS = 1_000_000L;
    private static final NodeId A = NodeId.parse("127.0.0.1:7001");
    private static final NodeId B = NodeId.parse("127.0.0.1:7002");
    private static final NodeId C = NodeId.parse("127.0.0.1:7003");
    private static final NodeId D = NodeId.parse("127.0.0.1:7004");
    private static final NodeId STRANGER = NodeId.parse("127.0.0.1:7999");
    private static final DisseminationConfig CONFIG =
            DisseminationConfig.tree().withTimers(Duration.ofMillis(20), Duration.ofMillis(60));

    /** What the tree asked to send, in order. */
    record Sent(Address to, String what, long[] ids) {
        @Override
        public String toString() {
            return what + "→" + to + Arrays.toString(ids);
        }
    }

    private final List<Sent> sent = new ArrayList<>();
    private final PushTree.Output output = new PushTree.Output() {
        @Override
        public void payload(Address to, long high, long low, boolean graftReply) {
            sent.add(new Sent(to, graftReply ? "reply" : "push", new long[] {high, low}));
        }

        @Override
        public void control(Address to, int kind, long[] ids, int count) {
            String name = switch (kind) {
                case DigestFrame.IHAVE -> "ihave";
                case DigestFrame.GRAFT -> "graft";
                case DigestFrame.PRUNE -> "prune";
                default -> "kind" + kind;
            };
            sent.add(new Sent(to, name, Arrays.copyOf(ids, 2 * count)));
        }
    };

    private PushTree tree(int maxIds) {
        return new PushTree(CONFIG, maxIds, output);
    }

    private List<Sent> sent(String what) {
        return sent.stream().filter(s -> s.what().equals(what)).toList();
    }

    private List<Address> targets(String what) {
        return sent(what).stream().map(Sent::to).toList();
    }

    private static DigestFrame ids(long... pairs) {
        return new DigestFrame() {
            @Override
            public int kind() {
                return DigestFrame.GRAFT;
            }

            @Override
            public int count() {
                return pairs.length / 2;
            }

            @Override
            public long idHigh(int index) {
                return pairs[2 * index];
            }

            @Override
            public long idLow(int index) {
                return pairs[2 * index + 1];
            }
        };
    }

    @Test
    void everyNeighbourOfBothViewsStartsEagerAndGetsThePayloadOnceButTheSender() {
        PushTree tree = tree(80);
        tree.disseminate(1, 1, B.address(), List.of(B, C), List.of(C, D), 0);
        assertThat(targets("push")).containsExactlyInAnyOrder(C.address(), D.address());
        assertThat(tree.eagerLinks()).isEqualTo(3);
        assertThat(tree.links()).isEqualTo(3);
        assertThat(tree.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aDuplicatePrunesItsSenderAndLaterMessagesAreAnnouncedToItInOneBatch() {
        PushTree tree = tree(80);
        tree.disseminate(1, 1, B.address(), List.of(B, C), List.of(), 0);
        tree.onDuplicate(C.address(), 1 * MS);
        assertThat(sent("prune")).as("one duplicate may be stale").isEmpty();
        tree.onDuplicate(C.address(), 1 * MS);
        assertThat(targets("prune")).containsExactly(C.address());
        assertThat(tree.isEager(C.address())).isFalse();
        assertThat(tree.isEager(B.address())).isTrue();

        sent.clear();
        tree.disseminate(2, 2, B.address(), List.of(B, C), List.of(), 2 * MS);
        tree.disseminate(3, 3, B.address(), List.of(B, C), List.of(), 5 * MS);
        assertThat(sent).as("nothing leaves before the announce interval").isEmpty();
        assertThat(tree.nextDeadline()).isEqualTo(22 * MS);
        tree.onTimer(21 * MS);
        assertThat(sent).isEmpty();
        tree.onTimer(22 * MS);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).what()).isEqualTo("ihave");
        assertThat(sent.get(0).to()).isEqualTo(C.address());
        assertThat(sent.get(0).ids()).containsExactly(2, 2, 3, 3);
        assertThat(tree.pendingAnnouncements()).isZero();
    }

    @Test
    void aFullFrameOfAnnouncementsLeavesAtOnce() {
        PushTree tree = tree(2);
        tree.disseminate(1, 1, B.address(), List.of(B, C), List.of(), 0);
        tree.onDuplicate(C.address(), 0);
        tree.onDuplicate(C.address(), 0);
        sent.clear();
        tree.disseminate(2, 2, B.address(), List.of(B, C), List.of(), 0);
        assertThat(sent).isEmpty();
        tree.disseminate(3, 3, B.address(), List.of(B, C), List.of(), 0);
        assertThat(sent("ihave")).singleElement().extracting(Sent::ids).isEqualTo(new long[] {2, 2, 3, 3});
    }

    @Test
    void theLastEagerLinkIsNeverPruned() {
        PushTree tree = tree(80);
        tree.disseminate(1, 1, null, List.of(B), List.of(), 0);
        tree.onDuplicate(B.address(), 0);
        tree.onDuplicate(B.address(), 0);
        assertThat(sent("prune")).isEmpty();
        assertThat(tree.isEager(B.address())).isTrue();
    }

    @Test
    void aDuplicateFromAStrangerOrARepairPrunesNothing() {
        PushTree tree = tree(80);
        tree.disseminate(1, 1, B.address(), List.of(B, C), List.of(), 0);
        tree.onDuplicate(STRANGER.address(), 0);
        assertThat(sent("prune")).isEmpty();
    }

    @Test
    void anAnnouncedMissingMessageIsGraftedFromTheAnnouncerThenFromTheNext() {
        PushTree tree = tree(80);
        tree.disseminate(1, 1, null, List.of(B, C, D), List.of(), 0);
        sent.clear();
        tree.onAnnounce(B.address(), 9, 9, false, 10 * MS);
        tree.onAnnounce(C.address(), 9, 9, false, 15 * MS);
        assertThat(tree.missingCount()).isEqualTo(1);
        tree.onTimer(69 * MS);
        assertThat(sent).isEmpty();
        tree.onTimer(70 * MS);
        assertThat(sent("graft")).singleElement().satisfies(s -> {
            assertThat(s.to()).isEqualTo(B.address());
            assertThat(s.ids()).containsExactly(9, 9);
        });
        assertThat(tree.isEager(B.address())).isTrue();
        sent.clear();
        tree.onTimer(99 * MS);
        assertThat(sent).as("the second try waits half the graft timeout").isEmpty();
        tree.onTimer(100 * MS);
        assertThat(targets("graft")).containsExactly(C.address());
        sent.clear();
        tree.onTimer(200 * MS);
        assertThat(sent).as("no announcer left: given up").isEmpty();
        assertThat(tree.missingCount()).isZero();
        Map<String, Long> counters = new HashMap<>();
        tree.addCounters(counters);
        assertThat(counters).containsEntry("tree.graftsSent", 2L).containsEntry("tree.missingGivenUp", 1L);
    }

    @Test
    void aMessageRepairedByAntiEntropyAfterItsAnnouncementMakesTheAnnouncersLinkEager() {
        PushTree tree = tree(80);
        tree.disseminate(1, 1, null, List.of(B, C, D), List.of(), 0);
        tree.onDuplicate(B.address(), 0);
        tree.onDuplicate(B.address(), 0);
        assertThat(tree.isEager(B.address())).isFalse();
        sent.clear();
        tree.onAnnounce(B.address(), 9, 9, false, 10 * MS);
        tree.onAnnounce(C.address(), 9, 9, false, 12 * MS);

        tree.onRepaired(9, 9, 20 * MS); // a repair beat the graft timer
        tree.disseminate(9, 9, D.address(), List.of(B, C, D), List.of(), 20 * MS);

        assertThat(sent("graft"))
                .as("an empty graft to the first announcer: its end turns eager, nothing is resent")
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.to()).isEqualTo(B.address());
                    assertThat(s.ids()).isEmpty();
                });
        assertThat(tree.isEager(B.address())).isTrue();
        sent.clear();
        tree.onTimer(500 * MS);
        assertThat(sent("graft")).as("the id is no longer missing").isEmpty();
        Map<String, Long> counters = new HashMap<>();
        tree.addCounters(counters);
        assertThat(counters).containsEntry("tree.graftsAfterRepair", 1L).containsEntry("tree.graftsSent", 0L);
    }

    @Test
    void withinAGraftTimeoutOfItsLastGraftANodePullsMissingIdsInsteadOfGraftingMoreLinks() {
        List<Sent> fetches = new ArrayList<>();
        PushTree tree = new PushTree(CONFIG, 80, new PushTree.Output() {
            @Override
            public void payload(Address to, long high, long low, boolean graftReply) {
                output.payload(to, high, low, graftReply);
            }

            @Override
            public void control(Address to, int kind, long[] ids, int count) {
                output.control(to, kind, ids, count);
            }

            @Override
            public boolean canFetch() {
                return true;
            }

            @Override
            public void fetch(Address to, long[] ids, int count) {
                fetches.add(new Sent(to, "fetch", Arrays.copyOf(ids, 2 * count)));
            }
        });
        tree.disseminate(1, 1, null, List.of(B, C, D), List.of(), 0);
        sent.clear();
        tree.onAnnounce(B.address(), 8, 8, false, 0);
        tree.onTimer(60 * MS);
        assertThat(targets("graft")).containsExactly(B.address());

        tree.onAnnounce(C.address(), 9, 9, false, 10 * MS);
        tree.onAnnounce(C.address(), 10, 10, false, 10 * MS);
        tree.onTimer(70 * MS);
        assertThat(targets("graft")).as("one graft per graft timeout").containsExactly(B.address());
        assertThat(fetches).singleElement().satisfies(f -> {
            assertThat(f.to()).isEqualTo(C.address());
            assertThat(f.ids()).containsExactly(9, 9, 10, 10);
        });

        tree.disseminate(9, 9, C.address(), List.of(B, C, D), List.of(), 71 * MS);
        tree.onDuplicate(D.address(), 9, 9, 72 * MS);
        tree.onDuplicate(D.address(), 9, 9, 72 * MS);
        assertThat(sent("prune"))
                .as("the pull's answer crossing the tree prunes nothing")
                .isEmpty();

        tree.onAnnounce(D.address(), 11, 11, false, 100 * MS);
        tree.onTimer(160 * MS);
        assertThat(targets("graft"))
                .as("a graft timeout later, a missing id grafts again")
                .containsExactly(B.address(), D.address());
        Map<String, Long> counters = new HashMap<>();
        tree.addCounters(counters);
        assertThat(counters).containsEntry("tree.graftsSent", 2L).containsEntry("tree.fetchesSent", 2L);
    }

    @Test
    void aRepairOfAMessageNobodyAnnouncedGraftsNothing() {
        PushTree tree = tree(80);
        tree.disseminate(1, 1, null, List.of(B, C), List.of(), 0);
        sent.clear();
        tree.onRepaired(9, 9, 20 * MS);
        assertThat(sent).isEmpty();
    }

    @Test
    void anAnnouncementOfAMessageAlreadySeenOrThatArrivesInTimeGraftsNothing() {
        PushTree tree = tree(80);
        tree.disseminate(1, 1, null, List.of(B, C), List.of(), 0);
        sent.clear();
        tree.onAnnounce(B.address(), 1, 1, true, 0);
        tree.onAnnounce(B.address(), 2, 2, false, 0);
        tree.disseminate(2, 2, C.address(), List.of(B, C), List.of(), 30 * MS);
        sent.clear();
        tree.onTimer(500 * MS);
        assertThat(sent("graft")).isEmpty();
        assertThat(tree.missingCount()).isZero();
    }

    @Test
    void aGraftMakesTheLinkEagerAndIsAnsweredWithEachPayload() {
        PushTree tree = tree(80);
        tree.disseminate(1, 1, B.address(), List.of(B, C), List.of(), 0);
        tree.onDuplicate(C.address(), 0);
        tree.onDuplicate(C.address(), 0);
        sent.clear();
        assertThat(tree.onGraft(C.address(), ids(1, 1, 5, 5))).isTrue();
        assertThat(tree.isEager(C.address())).isTrue();
        assertThat(sent("reply")).extracting(Sent::ids).containsExactly(new long[] {1, 1}, new long[] {5, 5});
    }

    @Test
    void pruneGraftAndAnnouncementsFromStrangersAreRefused() {
        PushTree tree = tree(80);
        tree.disseminate(1, 1, null, List.of(B), List.of(), 0);
        sent.clear();
        assertThat(tree.onGraft(STRANGER.address(), ids(1, 1))).isFalse();
        assertThat(tree.onPrune(STRANGER.address())).isFalse();
        assertThat(tree.onAnnounce(STRANGER.address(), 2, 2, false, 0)).isFalse();
        assertThat(sent).isEmpty();
        assertThat(tree.missingCount()).isZero();
        assertThat(tree.onPrune(B.address())).isTrue();
        assertThat(tree.isEager(B.address()))
                .as("B is the last eager link: the prune is refused")
                .isTrue();
        assertThat(sent("graft")).singleElement().satisfies(s -> {
            assertThat(s.to()).isEqualTo(B.address());
            assertThat(s.ids()).isEmpty();
        });
    }

    @Test
    void aPruneOfAnotherThanTheLastEagerLinkIsObeyed() {
        PushTree tree = tree(80);
        tree.disseminate(1, 1, null, List.of(B, C), List.of(), 0);
        assertThat(tree.onPrune(B.address())).isTrue();
        assertThat(tree.isEager(B.address())).isFalse();
        sent.clear();
        assertThat(tree.onPrune(C.address())).isTrue();
        assertThat(tree.isEager(C.address())).isTrue();
    }

    @Test
    void aFirstReceiptOverALinkForgivesItsEarlierDuplicate() {
        PushTree tree = tree(80);
        tree.disseminate(1, 1, B.address(), List.of(B, C), List.of(), 0);
        tree.onDuplicate(C.address(), 0);
        tree.disseminate(2, 2, C.address(), List.of(B, C), List.of(), 0);
        tree.onDuplicate(C.address(), 0);
        assertThat(sent("prune")).isEmpty();
        tree.onDuplicate(C.address(), 0);
        assertThat(targets("prune")).containsExactly(C.address());
    }

    @Test
    void linksFollowViewChanges() {
        PushTree tree = tree(80);
        tree.disseminate(1, 1, null, List.of(B), List.of(C), 0);
        tree.onPrune(B.address());
        tree.onViewChange(
                new ViewChange(ViewChange.View.PARTIAL_VIEW, ViewChange.Kind.ADDED, D), List.of(B, D), List.of(C));
        assertThat(tree.isEager(D.address()))
                .as("a new partial-view member starts eager")
                .isTrue();
        tree.onViewChange(
                new ViewChange(ViewChange.View.PARTIAL_VIEW, ViewChange.Kind.REMOVED, B), List.of(D), List.of(C));
        assertThat(tree.isNeighbour(B.address())).isFalse();
        tree.onViewChange(new ViewChange(ViewChange.View.IN_VIEW, ViewChange.Kind.ADDED, D), List.of(D), List.of(C, D));
        tree.onViewChange(
                new ViewChange(ViewChange.View.PARTIAL_VIEW, ViewChange.Kind.REMOVED, D), List.of(), List.of(C, D));
        assertThat(tree.isNeighbour(D.address())).as("still in the InView").isTrue();
        assertThat(tree.links()).isEqualTo(2);
    }

    @Test
    void aRemovedNeighbourTakesItsQueuedAnnouncementsWithIt() {
        PushTree tree = tree(80);
        tree.disseminate(1, 1, B.address(), List.of(B, C), List.of(), 0);
        tree.onDuplicate(C.address(), 0);
        tree.onDuplicate(C.address(), 0);
        tree.disseminate(2, 2, B.address(), List.of(B, C), List.of(), 0);
        assertThat(tree.pendingAnnouncements()).isEqualTo(1);
        tree.onViewChange(
                new ViewChange(ViewChange.View.PARTIAL_VIEW, ViewChange.Kind.REMOVED, C), List.of(B), List.of());
        sent.clear();
        tree.onTimer(1_000 * MS);
        assertThat(sent).isEmpty();
    }

    /** disseminate remembers each view position's link; a removed link must not be reused. */
    @Test
    void aNeighbourRemovedAndAddedAgainStartsEagerThoughTheViewHandsOutTheSameInstance() {
        PushTree tree = tree(80);
        tree.disseminate(1, 1, B.address(), List.of(B, C), List.of(), 0);
        tree.onDuplicate(C.address(), 0);
        tree.onDuplicate(C.address(), 0);
        assertThat(tree.isEager(C.address())).isFalse();
        tree.onViewChange(
                new ViewChange(ViewChange.View.PARTIAL_VIEW, ViewChange.Kind.REMOVED, C), List.of(B), List.of());
        tree.onViewChange(
                new ViewChange(ViewChange.View.PARTIAL_VIEW, ViewChange.Kind.ADDED, C), List.of(B, C), List.of());
        sent.clear();
        tree.disseminate(2, 2, B.address(), List.of(B, C), List.of(), 0);
        assertThat(targets("push")).containsExactly(C.address());
        assertThat(tree.pendingAnnouncements()).isZero();
    }
}
