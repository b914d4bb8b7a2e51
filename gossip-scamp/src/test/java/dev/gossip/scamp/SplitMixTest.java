package dev.gossip.scamp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SplitMix} against {@link SplittableRandom}: the same numbers for the same seeds and calls. */
class SplitMixTest {

    private static final int[] BOUNDS = {1, 2, 3, 7, 10, 16, 100, 1_000, 65_536, 1_000_003, Integer.MAX_VALUE};

    @Test
    void drawsAndSplitsExactlyAsSplittableRandom() {
        SplittableRandom seeds = new SplittableRandom(2026);
        for (int run = 0; run < 200; run++) {
            long seed = run < 3 ? run - 1 : seeds.nextLong();
            SplittableRandom expected = new SplittableRandom(seed);
            SplitMix actual = new SplitMix(seed);
            for (int step = 0; step < 300; step++) {
                String as = "seed " + seed + " step " + step;
                switch (step % 6) {
                    case 0 -> assertThat(actual.nextLong()).as(as).isEqualTo(expected.nextLong());
                    case 1 -> assertThat(actual.nextInt()).as(as).isEqualTo(expected.nextInt());
                    case 2 -> {
                        int bound = BOUNDS[step % BOUNDS.length];
                        assertThat(actual.nextInt(bound))
                                .as(as + " bound " + bound)
                                .isEqualTo(expected.nextInt(bound));
                    }
                    case 3 -> assertThat(actual.nextDouble()).as(as).isEqualTo(expected.nextDouble());
                    case 4 -> {
                        // a child, used a little, then the parent goes on
                        SplittableRandom expectedChild = expected.split();
                        SplitMix actualChild = actual.split();
                        for (int i = 0; i < 5; i++) {
                            assertThat(actualChild.nextInt(1 + i * 37))
                                    .as(as)
                                    .isEqualTo(expectedChild.nextInt(1 + i * 37));
                        }
                    }
                    default ->
                        assertThat(actual.nextLong(1_000_000_007L)).as(as).isEqualTo(expected.nextLong(1_000_000_007L));
                }
            }
        }
    }

    @Test
    void anArrayOfGeneratorsDrawsAsTheGeneratorsItWasGiven() {
        SplitMix parent = new SplitMix(7);
        SplittableRandom expectedParent = new SplittableRandom(7);
        SplitMix.Array array = new SplitMix.Array(3);
        SplittableRandom[] expected = new SplittableRandom[300];
        for (int i = 0; i < expected.length; i++) {
            array.set(i, parent.split());
            expected[i] = expectedParent.split();
        }
        for (int round = 0; round < 20; round++) {
            for (int i = expected.length - 1; i >= 0; i -= 1 + round) {
                assertThat(array.at(i).nextInt(i + 1)).as("generator " + i).isEqualTo(expected[i].nextInt(i + 1));
            }
        }
    }
}
