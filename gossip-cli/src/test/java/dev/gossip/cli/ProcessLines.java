package dev.gossip.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Reads a child process's output for the tests that run the real jar. */
final class ProcessLines {

    private ProcessLines() {}

    /**
     * Copies a process stream line by line into a queue, on a daemon thread, so a test can wait on
     * the queue with Awaitility while the process runs.
     *
     * @param stream the process's stdout or stderr
     * @return the lines read so far; a read failure is added as a line
     */
    static Queue<String> collect(InputStream stream) {
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, UTF_8))) {
                        for (String line = in.readLine(); line != null; line = in.readLine()) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        lines.add("<read failed: " + e + ">");
                    }
                },
                "process-reader");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
