package dev.gossip.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Consumed like a user would: the reactor's parent, BOM, api, core, scamp and udp are deployed to
 * a file repository ({@code target/stage-repo}, by {@code src/test/stage/pom.xml}); then the
 * project in {@code src/test/consumer} is built by a separate {@code mvn} with a scratch local
 * repository, so the gossip artifacts can only come from that file repository and everything else
 * from Maven Central. When this build runs offline ({@code -o}), Central is replaced by a view
 * of this build's local repository without {@code dev/gossip}, so the check still proves where the
 * gossip artifacts came from.
 */
@Timeout(value = 9, unit = TimeUnit.MINUTES)
class ConsumerProjectIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();

    @Test
    void aSeparateProjectBuildsAgainstTheDeployedArtifactsAndItsThreeNodesDeliverEveryMessage()
            throws IOException, InterruptedException {
        String version = System.getProperty("gossip.version");
        Path stage = TARGET.resolve("stage-repo");
        deleteTree(stage);
        mvn(
                "stage",
                "-f",
                Path.of("src/test/stage/pom.xml").toAbsolutePath().toString(),
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.outer"),
                "-Dgossip.root=" + TARGET.getParent().getParent(),
                "-Dgossip.version=" + version,
                "-Dgossip.stage.url=" + stage.toUri(),
                "validate");

        Path project = TARGET.resolve("consumer");
        Path scratch = TARGET.resolve("consumer-m2");
        deleteTree(project);
        deleteTree(scratch.resolve("dev/gossip")); // never resolve gossip from an earlier run
        copyTree(Path.of("src/test/consumer"), project);
        String output = mvn(
                "consumer",
                "-f",
                project.resolve("pom.xml").toString(),
                "-Dmaven.repo.local=" + scratch,
                "-Dgossip.version=" + version,
                "-Dgossip.stage.url=" + stage.toUri(),
                "-s",
                settings(project).toString(),
                "verify");
        assertThat(output)
                .contains(
                        "consumer: delivered 30/30",
                        "Tests run: 1, Failures: 0, Errors: 0, Skipped: 0",
                        "BUILD SUCCESS");

        // Every gossip file in the scratch repository came from the deployed file repository.
        List<Path> records;
        try (Stream<Path> files = Files.walk(scratch.resolve("dev/gossip"))) {
            records = files.filter(p -> p.getFileName().toString().equals("_remote.repositories"))
                    .toList();
        }
        assertThat(records).as("gossip artifacts resolved by the consumer").hasSizeGreaterThanOrEqualTo(6);
        for (Path record : records) {
            assertThat(Files.readAllLines(record).stream()
                            .filter(l -> l.contains(">"))
                            .toList())
                    .as("sources recorded in %s", record)
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(line).endsWith(">gossip-stage="));
        }
    }

    /** Runs Maven in a process of its own, its output in target/NAME.log; returns that output. */
    private static String mvn(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("maven.home"), "bin", "mvn").toString());
        command.addAll(List.of("-B", "-ntp"));
        command.addAll(List.of(args));
        Path log = TARGET.resolve(name + ".log");
        System.err.println(name + ": " + String.join(" ", command) + " (output: " + log + ")");
        Process mvn = new ProcessBuilder(command)
                .directory(TARGET.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean exited = mvn.waitFor(4, TimeUnit.MINUTES);
        if (!exited) {
            mvn.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, UTF_8);
        assertThat(exited)
                .as("the %s build finished within 4 minutes; its log:%n%s", name, output)
                .isTrue();
        assertThat(mvn.exitValue())
                .as("the %s build's exit code; its log:%n%s", name, output)
                .isZero();
        return output;
    }

    /**
     * A settings file with no mirror and no profile, so the user's own settings play no part;
     * offline, Central is mirrored to a view of this build's local repository without gossip.
     */
    private static Path settings(Path project) throws IOException {
        String mirrors = "";
        if (Boolean.getBoolean("maven.offline")) {
            Path view = TARGET.resolve("consumer-central");
            deleteTree(view);
            linkAllBut(Path.of(System.getProperty("maven.repo.outer")), view, "dev");
            linkAllBut(Path.of(System.getProperty("maven.repo.outer"), "dev"), view.resolve("dev"), "gossip");
            mirrors = "<mirrors><mirror><id>central-offline</id><mirrorOf>central</mirrorOf><url>" + view.toUri()
                    + "</url></mirror></mirrors>";
        }
        Path settings = project.resolve("settings.xml");
        Files.writeString(settings, "<settings>" + mirrors + "</settings>\n", UTF_8);
        return settings;
    }

    private static void linkAllBut(Path from, Path to, String except) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals(except)) {
                    Files.createSymbolicLink(to.resolve(entry.getFileName().toString()), entry);
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) { // walk does not follow links: views stay intact
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
