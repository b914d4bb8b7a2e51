package dev.gossip.cli;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

/**
 * A one-line progress bar on stderr, redrawn in place, for phases that take long: it appears only
 * on a terminal and only after half a second, and is redrawn at most ten times a second.
 */
final class ProgressBar {

    private static final long SHOW_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final int total;
    private final boolean enabled;
    private long start;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err, String label, int total, boolean enabled) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = enabled;
    }

    /**
     * @param nextLabel the next phase's label
     * @param nextTotal the next phase's total
     * @return a bar for the next phase, on the same stream, enabled as this one
     */
    ProgressBar next(String nextLabel, int nextTotal) {
        return new ProgressBar(err, nextLabel, nextTotal, enabled);
    }

    /** Marks the start of the phase. */
    void start() {
        start = System.nanoTime();
    }

    /** @param done how many of the total are done */
    void update(int done) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - start < SHOW_AFTER_NANOS || (drawn && now - lastDraw < REDRAW_NANOS && done < total)) {
            return;
        }
        int filled = (int) ((long) done * WIDTH / total);
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total);
        err.flush();
        drawn = true;
        lastDraw = now;
    }

    /** Ends the bar's line, if one was drawn. */
    void finish() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }
}
