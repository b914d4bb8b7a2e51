package dev.gossip.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README honest: its Java blocks are code the build compiles and runs, its Maven
 * coordinates name modules that exist, and its test command is the one CI runs.
 */
class ReadmeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

    private static List<String[]> blocks() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        List<String[]> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            blocks.add(new String[] {m.group(1), m.group(2)});
        }
        return blocks;
    }

    private static String squash(String code) {
        return code.replaceAll("\\s+", " ").strip();
    }

    @Test
    void everyJavaBlockIsCodeThatATestCompilesAndRuns() throws IOException {
        String source = squash(Files.readString(Path.of("src/test/java/dev/gossip/it/ReadmeExampleTest.java")));
        List<String[]> java = blocks().stream().filter(b -> b[0].equals("java")).toList();
        assertThat(java).as("the README has a Java example").isNotEmpty();
        for (String[] block : java) {
            if (block[1].strip().startsWith("import ")) {
                continue; // the imports block, checked below
            }
            assertThat(source)
                    .as("README block found verbatim in ReadmeExampleTest:%n%s", block[1])
                    .contains(squash(block[1]));
        }
    }

    /**
     * The README's imports block lists exactly the imports the example needs: those of
     * ReadmeExampleTest without the test's own (JUnit, AssertJ, Awaitility, the queue it collects
     * deliveries in).
     */
    @Test
    void theImportsBlockIsWhatTheExampleImports() throws IOException {
        List<String> readme = blocks().stream()
                .filter(b -> b[0].equals("java") && b[1].strip().startsWith("import "))
                .flatMap(b -> b[1].lines())
                .filter(l -> l.startsWith("import "))
                .toList();
        List<String> needed = Files.readAllLines(Path.of("src/test/java/dev/gossip/it/ReadmeExampleTest.java")).stream()
                .filter(l -> l.startsWith("import "))
                .filter(l ->
                        !l.matches("import (static )?(org\\.junit|org\\.assertj|org\\.awaitility|java\\.util\\.Queue"
                                + "|java\\.util\\.concurrent)\\b.*"))
                .toList();
        assertThat(readme).as("the README's imports").containsExactlyElementsOf(needed);
    }

    @Test
    void mavenCoordinatesNameModulesOfThisBuild() throws IOException {
        Pattern artifact = Pattern.compile("<artifactId>([\\w-]+)</artifactId>");
        for (String[] block : blocks()) {
            if (!block[0].equals("xml")) {
                continue;
            }
            Matcher m = artifact.matcher(block[1]);
            while (m.find()) {
                assertThat(ROOT.resolve(m.group(1)).resolve("pom.xml"))
                        .as("module %s named in the README", m.group(1))
                        .exists();
            }
        }
    }

    @Test
    void theTestCommandIsWhatCiRuns() throws IOException {
        List<String> shell = blocks().stream()
                .filter(b -> b[0].equals("sh"))
                .map(b -> b[1].strip())
                .toList();
        assertThat(shell)
                .contains(
                        "mvn -B verify",
                        "mvn -q -B install -DskipTests && java -jar gossip-cli/target/gossip.jar demo");
        assertThat(Files.readString(ROOT.resolve(".ci/run"))).contains("mvn -B -ntp verify");
    }
}
