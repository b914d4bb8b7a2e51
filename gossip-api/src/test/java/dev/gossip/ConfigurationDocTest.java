package dev.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/configuration.md true: every component of every config record has a row in its
 * record's table, no row names a component that does not exist, the defaults in the rows are the
 * defaults the code uses, and the presets table lists exactly the fields where a preset differs
 * from the defaults, with the preset's values.
 */
class ConfigurationDocTest {

    /** Each config record and the instance holding its defaults. */
    private static final Map<Class<? extends Record>, Record> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put(GossipConfig.class, GossipConfig.builder().build());
        DEFAULTS.put(TransportConfig.class, TransportConfig.builder().build());
        DEFAULTS.put(MembershipConfig.class, MembershipConfig.defaults());
        DEFAULTS.put(RateLimitConfig.class, RateLimitConfig.defaults());
        DEFAULTS.put(AntiEntropyConfig.class, AntiEntropyConfig.defaults());
        DEFAULTS.put(DisseminationConfig.class, DisseminationConfig.defaults());
    }

    private static final Map<String, GossipConfig> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("lan", GossipConfig.lan());
        PRESETS.put("local", GossipConfig.local());
        PRESETS.put("wan", GossipConfig.wan());
    }

    private static String doc() throws IOException {
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        return Files.readString(root.resolve("docs/configuration.md"), StandardCharsets.UTF_8);
    }

    /** The table rows of the section headed {@code ## title}: first cell (unquoted) to cells. */
    private static Map<String, List<String>> table(String doc, String title) {
        int start = doc.indexOf("\n## " + title + "\n");
        assertThat(start).as("section '## %s' in docs/configuration.md", title).isNotNegative();
        int end = doc.indexOf("\n## ", start + 1);
        String section = doc.substring(start, end < 0 ? doc.length() : end);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : section.split("\n")) {
            if (line.startsWith("| `")) {
                List<String> cells = Arrays.stream(
                                line.substring(1, line.length() - 1).split("(?<!\\\\)\\|"))
                        .map(c -> c.strip().replace("`", ""))
                        .toList();
                rows.put(cells.get(0), cells);
            }
        }
        return rows;
    }

    /** How the doc writes a default value. */
    static String render(Object value) {
        if (value == null) {
            return "none";
        } else if (value instanceof Duration d) {
            long ms = d.toMillis();
            return ms == 0 ? "0" : ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
        } else if (value instanceof Integer || value instanceof Long) {
            return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        } else if (value instanceof Double d && d == Math.rint(d)) {
            return String.format(Locale.ROOT, "%,d", d.longValue());
        } else if (value instanceof Map<?, ?> map && map.isEmpty()) {
            return "empty";
        } else if (value instanceof Record) {
            String name = value.getClass().getSimpleName();
            return "[" + name + "](#" + name.toLowerCase(Locale.ROOT) + ")";
        }
        return String.valueOf(value);
    }

    private static Object get(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyComponentHasARowWithItsDefault() throws IOException {
        String doc = doc();
        DEFAULTS.forEach((type, defaults) -> {
            Map<String, List<String>> rows = table(doc, type.getSimpleName());
            List<String> components = Arrays.stream(type.getRecordComponents())
                    .map(RecordComponent::getName)
                    .toList();
            assertThat(rows.keySet())
                    .as("rows of ## %s", type.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(components);
            for (RecordComponent component : type.getRecordComponents()) {
                assertThat(rows.get(component.getName()).get(2))
                        .as("default of %s.%s", type.getSimpleName(), component.getName())
                        .isEqualTo(render(get(defaults, component)));
            }
        });
    }

    /** Every leaf setting of a config, by path ({@code membership.c}); nested records flattened. */
    private static Map<String, String> flatten(String prefix, Record record) {
        Map<String, String> values = new TreeMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = get(record, component);
            String path = prefix + component.getName();
            if (value instanceof Record nested) {
                values.putAll(flatten(path + ".", nested));
            } else {
                values.put(path, render(value));
            }
        }
        return values;
    }

    @Test
    void thePresetsTableListsEveryDifferenceFromTheDefaults() throws IOException {
        Map<String, List<String>> rows = table(doc(), "Presets");
        Map<String, String> defaults = flatten("", GossipConfig.builder().build());
        Map<String, Map<String, String>> presets = PRESETS.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> flatten("", e.getValue())));
        List<String> differing = defaults.keySet().stream()
                .filter(path ->
                        presets.values().stream().anyMatch(p -> !p.get(path).equals(defaults.get(path))))
                .toList();

        assertThat(rows.keySet()).as("rows of ## Presets").containsExactlyInAnyOrderElementsOf(differing);
        List<String> columns = List.copyOf(PRESETS.keySet());
        for (String path : differing) {
            for (int i = 0; i < columns.size(); i++) {
                assertThat(rows.get(path).get(i + 1))
                        .as("%s in %s()", path, columns.get(i))
                        .isEqualTo(presets.get(columns.get(i)).get(path));
            }
        }
    }

    @Test
    void theExampleCompilesAndIsTheOneInTheDoc() throws IOException {
        // tag::example[]
        GossipConfig config = GossipConfig.wan().toBuilder()
                .transport(TransportConfig.builder()
                        .bind("0.0.0.0:7946")
                        .advertise(Address.parse("203.0.113.7:7946"))
                        .build())
                .membership(MembershipConfig.defaults().toBuilder().c(3).build())
                .build();
        // end::example[]
        assertThat(config.membership().c()).isEqualTo(3);
        String source = Files.readString(Path.of("src/test/java/dev/gossip/ConfigurationDocTest.java"));
        String example = source.substring(
                        source.indexOf("// tag::example[]\n") + 18, source.indexOf("        // end::example[]"))
                .lines()
                .map(l -> l.substring(8))
                .collect(Collectors.joining("\n", "", "\n"));
        assertThat(doc()).contains("```java\n" + example + "```\n");
    }
}
