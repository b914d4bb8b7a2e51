package dev.gossip.scamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.NodeId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link NodeSet} against a {@code HashMap} doing the same random adds, removes and time updates,
 * across the size where the set switches between scanning and a hash index and back.
 */
class NodeSetTest {

    @Test
    void behavesLikeAMapOfNodesToTimesAcrossTheIndexThreshold() {
        for (long seed = 1; seed <= 5; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<NodeId> universe = Nodes.named("n", 3 * NodeSet.SCAN_LIMIT);
            NodeSet set = new NodeSet();
            Map<NodeId, Long> reference = new HashMap<>();
            for (int step = 0; step < 20_000; step++) {
                NodeId node = universe.get(random.nextInt(universe.size()));
                // Drift towards large sets, then towards small ones, so the index comes and goes.
                boolean growing = (step / 2_000) % 2 == 0;
                int op = random.nextInt(10);
                if (op < (growing ? 6 : 3)) {
                    long time = random.nextLong();
                    assertThat(set.add(node, time))
                            .as("seed %d step %d", seed, step)
                            .isEqualTo(reference.putIfAbsent(node, time) == null);
                } else if (op < 9) {
                    assertThat(set.remove(node))
                            .as("seed %d step %d", seed, step)
                            .isEqualTo(reference.remove(node) != null);
                } else {
                    long time = random.nextLong();
                    assertThat(set.time(node, time)).isEqualTo(reference.containsKey(node));
                    reference.computeIfPresent(node, (member, then) -> time);
                }
                assertThat(set.size()).isEqualTo(reference.size());
                assertThat(set.contains(node)).isEqualTo(reference.containsKey(node));
            }
            for (int i = 0; i < set.size(); i++) {
                NodeId member = set.get(i);
                assertThat(set.indexOf(member)).isEqualTo(i);
                assertThat(set.time(i)).as("seed %d", seed).isEqualTo(reference.get(member));
            }
            assertThat(set.view()).containsExactlyInAnyOrderElementsOf(reference.keySet());
            assertThat(set.copy()).containsExactlyInAnyOrderElementsOf(reference.keySet());
            set.clear();
            assertThat(set.isEmpty()).isTrue();
            assertThat(set.contains(universe.get(0))).isFalse();
            assertThat(set.add(universe.get(0), 7)).isTrue();
            assertThat(set.time(0)).isEqualTo(7);
        }
    }

    @Test
    void viewIsLiveAndReadOnlyAndCopyIsNot() {
        NodeSet set = new NodeSet();
        List<NodeId> view = set.view();
        NodeId a = RecordingContext.node("a");
        set.add(a);
        List<NodeId> copy = set.copy();
        set.add(RecordingContext.node("b"));
        assertThat(view).hasSize(2);
        assertThat(copy).containsExactly(a);
        assertThatThrownBy(() -> view.add(a)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> set.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(set.indexOf(null)).isEqualTo(-1);
    }
}
