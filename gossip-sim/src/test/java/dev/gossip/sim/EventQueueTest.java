package dev.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    private record Ref(long time, long seq, int target) {}

    @Test
    void popsInOrderOfTimeThenOfScheduling() {
        check(7, random -> random.nextLong(50));
    }

    /**
     * As a simulation schedules: at the current time plus a latency that is mostly fixed (such
     * events go to the FIFO run), sometimes shorter or equal (to the heap), so both orders mix.
     */
    @Test
    void keepsTheOrderWhenMostEventsComeLaterThanAllPendingOnes() {
        long[] now = {0};
        check(8, random -> {
            now[0] += random.nextInt(3);
            return now[0] + (random.nextInt(10) == 0 ? random.nextLong(100) : 100);
        });
    }

    private static void check(long seed, java.util.function.ToLongFunction<SplittableRandom> times) {
        SplittableRandom random = new SplittableRandom(seed);
        EventQueue queue = new EventQueue();
        PriorityQueue<Ref> reference = new PriorityQueue<>(
                (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
        long seq = 0;
        for (int round = 0; round < 200_000; round++) {
            if (random.nextInt(3) > 0 || reference.isEmpty()) {
                long time = times.applyAsLong(random);
                queue.push(time, Simulator.TASK, (int) seq, 0, 0, 0, null);
                reference.add(new Ref(time, seq, (int) seq));
                seq++;
            } else {
                Ref expected = reference.poll();
                queue.pop();
                assertThat(queue.currentTime).as("seed %d", seed).isEqualTo(expected.time);
                assertThat(queue.currentTarget).as("seed %d", seed).isEqualTo(expected.target);
            }
            assertThat(queue.size()).isEqualTo(reference.size());
        }
    }
}
