package dev.gossip.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    private static final int W = ReplayGuard.WINDOW;

    @Test
    void aJumpSmallerThanTheWindowClearsTheSkippedCounters() {
        ReplayGuard guard = new ReplayGuard(4);
        for (long c = 0; c < W; c++) {
            assertThat(guard.accept(1, c)).as("counter %d", c).isTrue();
        }
        // Jump ahead by 77 < W: counters W .. W+75 were skipped. Their bits share positions with
        // 0 .. 75, set in the previous lap; left uncleared they would make never-seen counters
        // look like replays.
        long high = W + 76;
        assertThat(guard.accept(1, high)).isTrue();
        for (long c = W; c < high; c++) {
            assertThat(guard.mightAccept(1, c))
                    .as("skipped counter %d, never seen", c)
                    .isTrue();
        }
        assertThat(guard.accept(1, W + 10)).isTrue();
        assertThat(guard.accept(1, W + 10)).as("its replay").isFalse();
        assertThat(guard.accept(1, high)).as("the highest again").isFalse();
        assertThat(guard.accept(1, high - W))
                .as("exactly a window below the highest: too old")
                .isFalse();
        assertThat(guard.accept(1, high - W + 1)).as("seen in the previous lap").isFalse();
        assertThat(guard.accept(1, 200)).as("seen, and still inside the window").isFalse();
    }

    @Test
    void aJumpOfAWholeWindowForgetsEverything() {
        ReplayGuard guard = new ReplayGuard(4);
        for (long c = 0; c < 10; c++) {
            guard.accept(7, c);
        }
        assertThat(guard.accept(7, 10 + W)).isTrue();
        assertThat(guard.accept(7, W + 5))
                .as("aliases 5, seen a lap ago; this one never")
                .isTrue();
        assertThat(guard.accept(7, 9)).as("too old").isFalse();
    }
}
