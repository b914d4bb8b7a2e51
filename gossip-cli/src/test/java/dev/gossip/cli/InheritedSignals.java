package dev.gossip.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process tests send SIGINT and SIGHUP to {@code gossip} processes. A process started with a
 * signal ignored keeps it ignored, and so does the JVM: when this build runs under {@code nohup}, or
 * as a background job of a script, its children would ignore those signals and the tests would fail
 * for a reason that has nothing to do with the code. In that case the children are started through
 * GNU {@code env --default-signal}, which gives them the default disposition back.
 */
final class InheritedSignals {

    private static final int SIGHUP = 1;
    private static final int SIGINT = 2;
    private static final List<String> PREFIX = computePrefix();

    private InheritedSignals() {}

    /** @return the words to put before the command, empty when nothing needs resetting */
    static List<String> resetPrefix() {
        return PREFIX;
    }

    private static List<String> computePrefix() {
        long ignored = ignoredMask();
        boolean hup = (ignored & (1L << (SIGHUP - 1))) != 0;
        boolean in = (ignored & (1L << (SIGINT - 1))) != 0;
        if (!hup && !in) {
            return List.of();
        }
        Path env = Path.of("/usr/bin/env");
        if (!Files.isExecutable(env)) {
            return List.of();
        }
        System.err.println("InheritedSignals: this build ignores" + (hup ? " SIGHUP" : "") + (in ? " SIGINT" : "")
                + "; starting gossip processes through env --default-signal=HUP,INT");
        return List.of(env.toString(), "--default-signal=HUP,INT");
    }

    /** @return the SigIgn mask of this process from /proc, 0 where there is no /proc */
    private static long ignoredMask() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return Long.parseUnsignedLong(
                            line.substring("SigIgn:".length()).trim(), 16);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
