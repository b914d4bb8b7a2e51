package dev.gossip.example.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the code blocks of docs/custom-transport.md equal to the sources they show. A block
 * preceded by {@code <!-- include: path -->} must be that file (path from the repository root);
 * {@code <!-- include: path#name -->} the lines between {@code tag::name[]} and
 * {@code end::name[]} in it, less their common indentation. Run with
 * {@code -Dgossip.docs.update=true} to rewrite the blocks from the sources instead of failing.
 */
class DocIncludesTest {

    private static final Pattern INCLUDE =
            Pattern.compile("<!-- include: ([^#\\s]+)(?:#(\\S+))? -->\\n```(\\w*)\\n(.*?)```\\n", Pattern.DOTALL);

    static Path root() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    }

    @Test
    void everyIncludedBlockEqualsItsSource() throws IOException {
        Path doc = root().resolve("docs/custom-transport.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        Matcher m = INCLUDE.matcher(text);
        StringBuilder expected = new StringBuilder();
        List<String> stale = new ArrayList<>();
        int includes = 0;
        while (m.find()) {
            includes++;
            String source = source(m.group(1), m.group(2));
            if (!source.equals(m.group(4))) {
                stale.add(m.group(1) + (m.group(2) == null ? "" : "#" + m.group(2)));
            }
            m.appendReplacement(
                    expected,
                    Matcher.quoteReplacement(m.group().substring(0, m.start(4) - m.start()) + source + "```\n"));
        }
        m.appendTail(expected);
        if (Boolean.getBoolean("gossip.docs.update")) {
            Files.writeString(doc, expected, StandardCharsets.UTF_8);
            return;
        }
        assertThat(includes).as("include markers in " + doc).isGreaterThanOrEqualTo(6);
        assertThat(stale)
                .as(
                        "blocks that differ from their source in %s; rerun this test with"
                                + " -Dgossip.docs.update=true to rewrite them",
                        doc)
                .isEmpty();
    }

    private static String source(String path, String tag) throws IOException {
        List<String> lines = Files.readAllLines(root().resolve(path), StandardCharsets.UTF_8);
        if (tag != null) {
            int start = indexOf(lines, "tag::" + tag + "[]", 0, path);
            int end = indexOf(lines, "end::" + tag + "[]", start, path);
            lines = lines.subList(start + 1, end).stream()
                    .filter(l -> !l.contains("tag::") && !l.contains("end::"))
                    .toList();
            int indent = lines.stream()
                    .filter(l -> !l.isBlank())
                    .mapToInt(l -> l.length() - l.stripLeading().length())
                    .min()
                    .orElse(0);
            lines = lines.stream()
                    .map(l -> l.isBlank() ? "" : l.substring(indent))
                    .toList();
        }
        return String.join("\n", lines) + "\n";
    }

    private static int indexOf(List<String> lines, String marker, int from, String path) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i;
            }
        }
        throw new AssertionError("no " + marker + " in " + path);
    }
}
