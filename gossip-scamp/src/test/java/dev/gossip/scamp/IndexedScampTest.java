package dev.gossip.scamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.MembershipConfig;
import dev.gossip.NodeId;
import dev.gossip.OpaqueAddress;
import dev.gossip.ViewChange;
import dev.gossip.spi.MembershipContext;
import dev.gossip.spi.MembershipMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link IndexedScamp} against {@link ScampMembership}: the same joins through the same contacts,
 * each node with a generator of the same seed, messages delivered first in, first out; both must
 * grow the same views in the same order and count the same.
 */
class IndexedScampTest {

    private static NodeId id(int i) {
        return new NodeId(OpaqueAddress.of("n", Integer.toString(i)));
    }

    /** @return the number in {@code n:<number>} */
    private static int index(NodeId id) {
        String text = id.toString();
        return Integer.parseInt(text.substring(text.indexOf(':') + 1));
    }

    /** A datagram in flight: to, then the message as ints (type, from, subject, counter). */
    private record Datagram(int to, int type, int from, int subject, int counter) {}

    @Test
    void growsTheSameViewsAsTheObjectForm() {
        for (int c = 0; c <= 3; c++) {
            for (long seed = 1; seed <= 3; seed++) {
                compare(600, c, seed);
            }
        }
    }

    private static void compare(int n, int c, long seed) {
        MembershipConfig config =
                MembershipConfig.builder().c(c).indirectionWalk(0).build();
        ArrayDeque<Datagram> objectQueue = new ArrayDeque<>();
        List<ScampMembership> objects = new ArrayList<>();
        ArrayDeque<Datagram> indexedQueue = new ArrayDeque<>();
        IndexedScamp indexed = new IndexedScamp(
                config,
                (from, to, type, subject, counter) -> indexedQueue.add(new Datagram(to, type, from, subject, counter)));
        SplittableRandom contacts = new SplittableRandom(seed);
        long objectEvents = 0;
        long indexedEvents = 0;
        for (int node = 0; node < n; node++) {
            objects.add(new ScampMembership(config, context(node, seed, objectQueue)));
            indexed.addNode(new SplitMix(seed * 1_000_003 + node));
            if (node == 0) {
                continue;
            }
            int contact = contacts.nextInt(node);
            objects.get(node).join(id(contact));
            indexed.join(node, contact);
            while (!objectQueue.isEmpty()) {
                Datagram d = objectQueue.poll();
                objects.get(d.to())
                        .onMessage(new MembershipMessage(
                                d.type(),
                                id(d.from()),
                                d.subject() < 0 ? null : id(d.subject()),
                                d.counter(),
                                List.of()));
                objectEvents++;
            }
            while (!indexedQueue.isEmpty()) {
                Datagram d = indexedQueue.poll();
                indexed.onMessage(d.to(), d.type(), d.from(), d.subject(), d.counter());
                indexedEvents++;
            }
        }
        String as = "n " + n + " c " + c + " seed " + seed;
        assertThat(indexedEvents).as(as).isEqualTo(objectEvents);
        long pvTotal = 0;
        long inTotal = 0;
        for (int node = 0; node < n; node++) {
            int[] pv = objects.get(node).partialView().stream()
                    .mapToInt(IndexedScampTest::index)
                    .toArray();
            int[] in = objects.get(node).inView().stream()
                    .mapToInt(IndexedScampTest::index)
                    .toArray();
            assertThat(indexed.partialView(node)).as(as + " PV of " + node).containsExactly(pv);
            assertThat(indexed.inView(node)).as(as + " InView of " + node).containsExactly(in);
            pvTotal += pv.length;
            inTotal += in.length;
        }
        assertThat(indexed.partialViewTotal()).as(as).isEqualTo(pvTotal);
        assertThat(indexed.inViewTotal()).as(as).isEqualTo(inTotal);
        for (String counter : List.of(
                "subscriptionsReceived",
                "subscriptionsKept",
                "forwardedSubscriptions",
                "forwardedReceived",
                "forwardedDropped",
                "rejected")) {
            long sum =
                    objects.stream().mapToLong(m -> m.counters().get(counter)).sum();
            assertThat(indexed.counters().get(counter)).as(as + " " + counter).isEqualTo(sum);
        }
    }

    private static MembershipContext context(int node, long seed, ArrayDeque<Datagram> queue) {
        NodeId self = id(node);
        RandomGenerator random = new SplittableRandom(seed * 1_000_003 + node);
        return new MembershipContext() {
            @Override
            public NodeId self() {
                return self;
            }

            @Override
            public long nanoTime() {
                return 0;
            }

            @Override
            public RandomGenerator random() {
                return random;
            }

            @Override
            public void send(NodeId to, MembershipMessage message) {
                queue.add(new Datagram(
                        index(to),
                        message.type(),
                        index(message.sender()),
                        message.subject() == null ? -1 : index(message.subject()),
                        message.counter()));
            }

            @Override
            public void viewChanged(ViewChange change) {}
        };
    }

    @Test
    void directSubscriptionIsAlsoKeptByTheContactLikeTheObjectForm() {
        List<Datagram> sent = new ArrayList<>();
        IndexedScamp scamp = new IndexedScamp(
                MembershipConfig.builder().c(0).indirectionWalk(0).build(),
                (from, to, type, subject, counter) -> sent.add(new Datagram(to, type, from, subject, counter)));
        for (int i = 0; i < 3; i++) {
            scamp.addNode(new SplitMix(i));
        }
        scamp.join(1, 0); // first join: SUBSCRIBE_JOIN
        scamp.join(1, 0); // again: SUBSCRIBE_DIRECT
        assertThat(sent)
                .extracting(Datagram::counter)
                .containsExactly(ScampMessageTypes.SUBSCRIBE_JOIN, ScampMessageTypes.SUBSCRIBE_DIRECT);
        sent.clear();
        assertThat(scamp.onMessage(0, ScampMessageTypes.SUBSCRIBE, 1, 1, ScampMessageTypes.SUBSCRIBE_DIRECT))
                .isTrue();
        // contact 0 has an empty PV: keeps node 1 itself (one KEPT), the direct rule finds it kept already
        assertThat(sent).containsExactly(new Datagram(1, ScampMessageTypes.KEPT, 0, 1, 0));
        assertThat(scamp.partialView(0)).containsExactly(1);
        assertThat(scamp.inView(0)).containsExactly(1);
    }

    @Test
    void rejectsAndCountsWhatItDoesNotRun() {
        IndexedScamp scamp = new IndexedScamp(
                MembershipConfig.builder().indirectionWalk(0).build(), (from, to, type, subject, counter) -> {});
        scamp.addNode(new SplitMix(1));
        scamp.addNode(new SplitMix(2));
        assertThat(scamp.onMessage(0, ScampMessageTypes.HEARTBEAT, 1, -1, 0)).isFalse();
        assertThat(scamp.onMessage(0, ScampMessageTypes.SUBSCRIBE, 0, 0, 0))
                .as("from itself")
                .isFalse();
        assertThat(scamp.onMessage(0, ScampMessageTypes.SUBSCRIBE, 1, 0, 0))
                .as("subject not sender")
                .isFalse();
        assertThat(scamp.onMessage(0, ScampMessageTypes.KEPT, 1, 1, 0))
                .as("kept about another")
                .isFalse();
        assertThat(scamp.onMessage(0, ScampMessageTypes.FORWARDED_SUBSCRIPTION, 1, 7, 0))
                .as("no node 7")
                .isFalse();
        assertThat(scamp.onMessage(0, ScampMessageTypes.SUBSCRIBE, 9, 9, 0))
                .as("no sender 9")
                .isFalse();
        assertThat(scamp.counters().get("rejected")).isEqualTo(6);
        assertThatThrownBy(() -> scamp.join(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scamp.join(0, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no node 5 (2 nodes)");
        assertThatThrownBy(
                        () -> new IndexedScamp(MembershipConfig.defaults(), (from, to, type, subject, counter) -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("indirectionWalk must be 0");
    }

    @Test
    void viewsGrowPastSeveralRunSizesAndFreedRunsAreReused() {
        IndexedScamp scamp = new IndexedScamp(
                MembershipConfig.builder().c(0).indirectionWalk(0).build(), (from, to, type, subject, counter) -> {});
        int n = 200;
        for (int i = 0; i < n; i++) {
            scamp.addNode(new SplitMix(i));
        }
        // node 0 keeps every other node by KEPT notices arriving at it (its InView) and by being
        // everyone's contact (its PV stays empty, so it keeps each subscriber)
        for (int i = 1; i < n; i++) {
            scamp.onMessage(0, ScampMessageTypes.KEPT, i, 0, 0);
            scamp.onMessage(i, ScampMessageTypes.KEPT, 0, i, 0);
        }
        int[] expected = new int[n - 1];
        for (int i = 1; i < n; i++) {
            expected[i - 1] = i;
        }
        assertThat(scamp.inView(0)).containsExactly(expected);
        for (int i = 1; i < n; i++) {
            assertThat(scamp.inView(i)).containsExactly(0);
            assertThat(scamp.partialViewSize(i)).isZero();
        }
        assertThat(scamp.inViewTotal()).isEqualTo(2L * (n - 1));
        assertThat(IndexedScamp.capacity(1)).isEqualTo(4);
        assertThat(IndexedScamp.capacity(4)).isEqualTo(4);
        assertThat(IndexedScamp.capacity(5)).isEqualTo(8);
        assertThat(IndexedScamp.capacity(64)).isEqualTo(64);
        assertThat(IndexedScamp.capacity(65)).isEqualTo(128);
    }
}
