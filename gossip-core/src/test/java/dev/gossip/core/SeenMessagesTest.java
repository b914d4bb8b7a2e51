package dev.gossip.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gossip.MessageId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeenMessagesTest {

    @Test
    void addReportsNewIdsOnce() {
        SeenMessages seen = new SeenMessages(100);
        assertThat(seen.add(1, 2)).isTrue();
        assertThat(seen.add(1, 2)).isFalse();
        assertThat(seen.contains(1, 2)).isTrue();
        assertThat(seen.contains(2, 1)).isFalse();
        assertThat(seen.size()).isEqualTo(1);
        assertThat(seen.capacity()).isEqualTo(100);
    }

    @Test
    void zeroIdIsAnOrdinaryId() {
        SeenMessages seen = new SeenMessages(2);
        assertThat(seen.contains(0, 0)).isFalse();
        assertThat(seen.add(0, 0)).isTrue();
        assertThat(seen.add(0, 0)).isFalse();
        assertThat(seen.add(0, 1)).isTrue();
        assertThat(seen.add(1, 0)).isTrue();
        assertThat(seen.contains(0, 0)).as("oldest evicted").isFalse();
        assertThat(seen.add(0, 0)).isTrue();
        assertThat(seen.contains(0, 1)).isFalse();
        assertThat(seen.contains(1, 0)).isTrue();
    }

    @Test
    void evictsTheOldestFirst() {
        SeenMessages seen = new SeenMessages(3);
        seen.add(0, 1);
        seen.add(0, 2);
        seen.add(0, 3);
        assertThat(seen.add(0, 1)).as("a duplicate does not refresh its age").isFalse();
        seen.add(0, 4);
        assertThat(seen.contains(0, 1)).isFalse();
        assertThat(seen.contains(0, 2)).isTrue();
        seen.add(0, 5);
        assertThat(seen.contains(0, 2)).isFalse();
        assertThat(seen.contains(0, 3)).isTrue();
        assertThat(seen.contains(0, 4)).isTrue();
        assertThat(seen.contains(0, 5)).isTrue();
        assertThat(seen.size()).isEqualTo(3);
    }

    @Test
    void growsBeyondItsInitialSizeKeepingOrder() {
        int capacity = SeenMessages.INITIAL_SLOTS * 5;
        SeenMessages seen = new SeenMessages(capacity);
        for (long i = 1; i <= capacity; i++) {
            assertThat(seen.add(i, -i)).isTrue();
        }
        assertThat(seen.size()).isEqualTo(capacity);
        for (long i = 1; i <= capacity; i++) {
            assertThat(seen.contains(i, -i)).as("id %d", i).isTrue();
        }
        seen.add(0, 7);
        assertThat(seen.contains(1, -1)).isFalse();
        assertThat(seen.contains(2, -2)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 17, 64, 1000})
    void matchesAFifoModelOnRandomIds(int capacity) {
        long seed = 0x5EED_0000L + capacity;
        SplittableRandom random = new SplittableRandom(seed);
        SeenMessages seen = new SeenMessages(capacity);
        LinkedHashSet<MessageId> model = new LinkedHashSet<>();
        List<MessageId> history = new ArrayList<>();
        for (int op = 0; op < 20_000; op++) {
            MessageId id;
            if (!history.isEmpty() && random.nextInt(3) == 0) {
                id = history.get(random.nextInt(Math.max(0, history.size() - 3 * capacity), history.size()));
            } else {
                // Few distinct bits so that ids collide in the table and probe runs form.
                id = random.nextInt(4) == 0
                        ? new MessageId(random.nextInt(8), random.nextInt(4096))
                        : new MessageId(random.nextLong(), random.nextLong());
                history.add(id);
            }
            boolean expectedNew = !model.contains(id);
            if (expectedNew) {
                if (model.size() == capacity) {
                    model.remove(model.iterator().next());
                }
                model.add(id);
            }
            assertThat(seen.add(id.high(), id.low()))
                    .as("seed %d op %d id %s", seed, op, id)
                    .isEqualTo(expectedNew);
            assertThat(seen.size()).as("seed %d op %d", seed, op).isEqualTo(model.size());
        }
        for (MessageId id : history) {
            assertThat(seen.contains(id.high(), id.low()))
                    .as("seed %d id %s", seed, id)
                    .isEqualTo(model.contains(id));
        }
    }

    @Test
    void rejectsBadCapacity() {
        assertThatThrownBy(() -> new SeenMessages(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
        assertThatThrownBy(() -> new SeenMessages((1 << 26) + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }
}
