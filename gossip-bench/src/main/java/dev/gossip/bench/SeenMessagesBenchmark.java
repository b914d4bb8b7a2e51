package dev.gossip.bench;

import dev.gossip.core.SeenMessages;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The duplicate filter at realistic history sizes, full (so every insert also evicts the oldest id,
 * the steady state of a busy node):
 *
 * <ul>
 *   <li>{@link #insertNew}: an id never seen (the first receipt of a message);
 *   <li>{@link #lookupHit}: an id that is remembered (a duplicate copy, the common case: with a
 *       view of size v a node receives each message about v times);
 *   <li>{@link #lookupMiss}: an id that is not;
 *   <li>{@link #baselineArrayRead}: one random read of a {@code long[]} as large as the table, the
 *       cache miss no hash set avoids at the larger size.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SeenMessagesBenchmark {

    private static final int PROBES = 4096;

    /** Ids remembered: 1k (a quiet node) and 64k (the default-sized history of a busy one). */
    @Param({"1024", "65536"})
    public int history;

    private SeenMessages seen;
    private final long[] present = new long[2 * PROBES];
    private final long[] absent = new long[2 * PROBES];
    private long[] array;
    private int[] arrayIndex;
    private long nextId;
    private int probe;

    /** Fills the set to its capacity with random ids and picks the probe ids. */
    @Setup
    public void setup() {
        SplittableRandom random = new SplittableRandom(42);
        seen = new SeenMessages(history);
        long[] all = new long[2 * history];
        for (int i = 0; i < history; i++) {
            all[2 * i] = random.nextLong();
            all[2 * i + 1] = random.nextLong();
            seen.add(all[2 * i], all[2 * i + 1]);
        }
        for (int k = 0; k < PROBES; k++) {
            int i = random.nextInt(history);
            present[2 * k] = all[2 * i];
            present[2 * k + 1] = all[2 * i + 1];
            absent[2 * k] = random.nextLong();
            absent[2 * k + 1] = random.nextLong();
        }
        array = new long[4 * history];
        arrayIndex = new int[PROBES];
        for (int k = 0; k < PROBES; k++) {
            arrayIndex[k] = random.nextInt(array.length);
        }
        nextId = random.nextLong() | 1;
    }

    /** @return whether the id was new (always) */
    @Benchmark
    public boolean insertNew() {
        long id = nextId;
        nextId += 0x9E3779B97F4A7C15L;
        return seen.add(id, ~id);
    }

    /** @return whether the id is remembered (always) */
    @Benchmark
    public boolean lookupHit() {
        int k = probe++ & (PROBES - 1);
        return seen.contains(present[2 * k], present[2 * k + 1]);
    }

    /** @return whether the id is remembered (never) */
    @Benchmark
    public boolean lookupMiss() {
        int k = probe++ & (PROBES - 1);
        return seen.contains(absent[2 * k], absent[2 * k + 1]);
    }

    /** @return one random element of an array the size of the set's table */
    @Benchmark
    public long baselineArrayRead() {
        return array[arrayIndex[probe++ & (PROBES - 1)]];
    }
}
