package dev.gossip.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns a failure to load the configuration files ({@code application.yml} in {@code ./} or {@code
 * ./config/}, or the files {@code MICRONAUT_CONFIG_FILES} names) into one line: the file, and for
 * a malformed YAML file the line, column and problem. Micronaut reports these as an exception
 * without the file's name (SnakeYAML's mark says only {@code 'reader'}), so the candidate files are
 * parsed again here to find the one at fault.
 */
final class ConfigFiles {

    private ConfigFiles() {}

    /**
     * @param error what starting the application context threw
     * @param env the process environment (for {@code MICRONAUT_CONFIG_FILES})
     * @return one line describing it, naming the file where one is at fault
     */
    static String describe(Throwable error, Map<String, String> env) {
        for (Path file : candidates(env)) {
            if (!Files.exists(file)) {
                if (named(env).contains(file)) {
                    return file + ": configuration file not found (named by MICRONAUT_CONFIG_FILES)";
                }
                continue;
            }
            String problem = yamlProblem(file);
            if (problem != null) {
                return problem;
            }
        }
        return "cannot load the configuration: " + ShortErrors.describe(error);
    }

    /**
     * @param file a YAML file
     * @return {@code FILE:LINE:COLUMN: problem} if it does not parse, else {@code null}
     */
    static @Nullable String yamlProblem(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".yml") && !name.endsWith(".yaml")) {
            return null;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (Object ignored : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                // parse every document
            }
            return null;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            Mark start = e.getContextMark();
            String context = e.getContext() == null || e.getProblem() == null
                    ? ""
                    : " (" + e.getContext()
                            + (start == null ? "" : " from " + (start.getLine() + 1) + ":" + (start.getColumn() + 1))
                            + ")";
            return file + where + ": malformed YAML: " + problem + context;
        } catch (IOException | RuntimeException e) {
            return file + ": cannot read: " + ShortErrors.describe(e);
        }
    }

    /** The files Micronaut reads, in its order: ./, ./config/, then MICRONAUT_CONFIG_FILES. */
    private static List<Path> candidates(Map<String, String> env) {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of(".", "config")) {
            for (String name : List.of("application.yml", "application.yaml")) {
                files.add(Path.of(dir, name));
            }
        }
        files.addAll(named(env));
        return files;
    }

    private static List<Path> named(Map<String, String> env) {
        List<Path> files = new ArrayList<>();
        String value = env.getOrDefault("MICRONAUT_CONFIG_FILES", System.getProperty("micronaut.config.files", ""));
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                files.add(Path.of(part.strip().replaceFirst("^file:", "")));
            }
        }
        return files;
    }
}
