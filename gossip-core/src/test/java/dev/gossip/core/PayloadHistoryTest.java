package dev.gossip.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.MessageId;
import dev.gossip.NodeId;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ring and its open-addressing index against a plain map of the last {@code capacity} ids. */
@Timeout(30)
class PayloadHistoryTest {

    private static final NodeId ORIGIN = NodeId.parse("127.0.0.1:7001");

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {1, 2, 3, 7, 64, 1000})
    void findsExactlyTheLastCapacityMessages(int capacity) {
        long seed = 42L + capacity;
        SplittableRandom random = new SplittableRandom(seed);
        PayloadHistory history = new PayloadHistory(capacity);
        ArrayDeque<MessageId> window = new ArrayDeque<>();
        Map<MessageId, Integer> sizes = new HashMap<>();
        for (int n = 0; n < 20 * capacity + 50; n++) {
            // few distinct high bits, so ids collide in the index and probe runs form
            MessageId id = new MessageId(random.nextInt(4), random.nextLong());
            int length = random.nextInt(40);
            history.record(id.high(), id.low(), ORIGIN, n % 256, ByteBuffer.allocate(length), 0);
            window.addLast(id);
            sizes.put(id, length);
            if (window.size() > capacity) {
                MessageId gone = window.removeFirst();
                assertThat(history.find(gone.high(), gone.low()))
                        .as("evicted %s, seed %d", gone, seed)
                        .isEqualTo(-1);
            }
            for (MessageId kept : window) {
                int slot = history.find(kept.high(), kept.low());
                assertThat(slot)
                        .as("kept %s after %d records, seed %d", kept, n, seed)
                        .isNotNegative();
                assertThat(history.high(slot)).isEqualTo(kept.high());
                assertThat(history.payload(slot).remaining()).isEqualTo(sizes.get(kept));
            }
            assertThat(history.size()).isEqualTo(window.size());
        }
    }

    /** Lookups catch the index up with what was recorded since the last one, however much that is. */
    @ParameterizedTest(name = "a lookup every {0} records")
    @ValueSource(ints = {2, 5, 63, 64, 65, 100, 1000})
    void findsTheLastCapacityMessagesWhenLookedUpSparsely(int every) {
        int capacity = 64;
        long seed = 7L * every;
        SplittableRandom random = new SplittableRandom(seed);
        PayloadHistory history = new PayloadHistory(capacity);
        ArrayDeque<MessageId> window = new ArrayDeque<>();
        for (int n = 1; n <= 40 * capacity; n++) {
            MessageId id = new MessageId(random.nextInt(4), random.nextLong());
            history.record(id.high(), id.low(), ORIGIN, 0, ByteBuffer.allocate(1), 0);
            window.addLast(id);
            MessageId gone = window.size() > capacity ? window.removeFirst() : null;
            if (n % every != 0) {
                continue;
            }
            if (gone != null) {
                assertThat(history.find(gone.high(), gone.low()))
                        .as("evicted %s, seed %d", gone, seed)
                        .isEqualTo(-1);
            }
            for (MessageId kept : window) {
                int slot = history.find(kept.high(), kept.low());
                assertThat(slot)
                        .as("kept %s after %d records, seed %d", kept, n, seed)
                        .isNotNegative();
                assertThat(history.low(slot)).isEqualTo(kept.low());
            }
        }
    }

    @Test
    void payloadsAreCopiedAndTheNewestComesFirstByAge() {
        PayloadHistory history = new PayloadHistory(4);
        byte[] bytes = {1, 2, 3};
        history.record(1, 1, ORIGIN, 0, ByteBuffer.wrap(bytes), 0);
        bytes[0] = 9;
        history.record(2, 2, ORIGIN, 5, ByteBuffer.wrap(new byte[] {7}), 0);
        int slot = history.find(1, 1);
        ByteBuffer payload = history.payload(slot);
        assertThat(payload.get(0)).isEqualTo((byte) 1);
        assertThat(payload.remaining()).isEqualTo(3);
        assertThat(history.high(history.slotByAge(0))).isEqualTo(2);
        assertThat(history.hops(history.slotByAge(0))).isEqualTo(5);
    }

    @Test
    void recordedAfterCountsTheNewestMessagesRecordedAfterACutoff() {
        PayloadHistory history = new PayloadHistory(8);
        assertThat(history.recordedAfter(0)).isZero();
        for (int i = 1; i <= 12; i++) { // the ring wraps: times 5..12 are kept
            history.record(i, i, ORIGIN, 0, ByteBuffer.allocate(1), 10L * i);
        }
        assertThat(history.recordedAfter(120)).isZero();
        assertThat(history.recordedAfter(119)).isEqualTo(1);
        assertThat(history.recordedAfter(100)).isEqualTo(2);
        assertThat(history.recordedAfter(55)).isEqualTo(7);
        assertThat(history.recordedAfter(0)).isEqualTo(8);
    }
}
