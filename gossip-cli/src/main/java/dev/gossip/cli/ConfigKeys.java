package dev.gossip.cli;

import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.naming.NameUtils;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks the settings under {@code gossip:} in the configuration files, and the {@code GOSSIP_*}
 * environment variables, against the options {@code gossip node} and {@code gossip send} read from
 * the environment ({@link EnvironmentDefaults}), so that a misspelled setting is not silently
 * ignored. The valid keys are derived from the options, so a new option is a valid key at once.
 *
 * <ul>
 *   <li>A key in a file that is no option's is a usage error naming the nearest valid key.
 *   <li>A key whose value is a map or a list where the option takes one value is a usage error.
 *   <li>An unknown {@code GOSSIP_*} variable is a warning naming the nearest valid one (the
 *       environment is shared with other programs, so it does not stop the command).
 * </ul>
 */
final class ConfigKeys {

    /** Property sources that are not configuration files. */
    private static final List<String> NOT_FILES = List.of("env", "system");

    /**
     * {@code GOSSIP_*} variables read directly rather than as a flag's default: passwords (which
     * have no flag, so they never show in {@code ps}) and the benchmark jar's location.
     */
    static final Set<String> OTHER_VARIABLES =
            Set.of(NodeOptions.KEYSTORE_PASSWORD_ENV, NodeOptions.TRUSTSTORE_PASSWORD_ENV, BenchJar.VARIABLE);

    private ConfigKeys() {}

    /**
     * @param top the {@code gossip} command line
     * @return every valid key under {@code gossip.}, such as {@code heartbeat-interval}
     */
    static TreeSet<String> validKeys(CommandLine top) {
        TreeSet<String> keys = new TreeSet<>();
        for (String command : EnvironmentDefaults.COMMANDS) {
            // GossipCommand declares every command of EnvironmentDefaults.COMMANDS
            CommandLine sub = Objects.requireNonNull(top.getSubcommands().get(command), command);
            for (OptionSpec option : sub.getCommandSpec().options()) {
                if (EnvironmentDefaults.configurable(option)) {
                    keys.add(option.longestName().substring(2));
                }
            }
        }
        return keys;
    }

    /**
     * @param top the {@code gossip} command line
     * @param command the command about to run, for the error
     * @param environment Micronaut's environment, with the files' property sources
     * @param variables the process environment
     * @param err where warnings go
     * @throws ParameterException for an unknown or wrongly shaped key in a file
     */
    static void check(
            CommandLine top,
            CommandLine command,
            Environment environment,
            Map<String, String> variables,
            PrintWriter err) {
        TreeSet<String> valid = validKeys(top);
        for (PropertySource source : environment.getPropertySources()) {
            if (NOT_FILES.contains(source.getName())) {
                continue;
            }
            for (String key : source) {
                if (!key.startsWith("gossip.")) {
                    continue;
                }
                String name = NameUtils.hyphenate(key.substring("gossip.".length()));
                Object value = source.get(key);
                String where = " in " + location(source);
                int dot = name.indexOf('.');
                if (dot > 0 && valid.contains(name.substring(0, dot))) {
                    throw new ParameterException(
                            command,
                            "gossip." + name.substring(0, dot) + where + " must be one value, not a map (found " + key
                                    + ")");
                }
                if (!valid.contains(name)) {
                    throw new ParameterException(
                            command,
                            "unknown key " + key + where + nearest(name, valid, "; did you mean gossip.", "?"));
                }
                if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
                    throw new ParameterException(
                            command,
                            key + where + " must be one value, not " + (value instanceof Map ? "a map" : "a list"));
                }
            }
        }
        Map<String, String> variableNames = new TreeMap<>();
        valid.forEach(k -> variableNames.put(EnvironmentDefaults.variable("--" + k), k));
        for (String variable : new TreeSet<>(variables.keySet())) {
            if (variable.startsWith("GOSSIP_")
                    && !variableNames.containsKey(variable)
                    && !OTHER_VARIABLES.contains(variable)) {
                err.println(command.getCommandSpec().qualifiedName() + ": warning: environment variable " + variable
                        + " is not a setting, ignored"
                        + nearest(
                                variable.substring("GOSSIP_".length()),
                                variableNames.keySet().stream()
                                        .map(v -> v.substring("GOSSIP_".length()))
                                        .toList(),
                                "; did you mean GOSSIP_",
                                "?"));
                err.flush();
            }
        }
    }

    private static String location(PropertySource source) {
        PropertySource.Origin origin = source.getOrigin();
        String location = origin == null ? null : origin.location();
        return location == null || location.isBlank() ? source.getName() : location;
    }

    /**
     * @return {@code prefix + the nearest candidate + suffix}, or {@code ""} if none is close
     *     (edit distance at most a third of the name's length, and at least 2)
     */
    static String nearest(String name, Collection<String> candidates, String prefix, String suffix) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? prefix + best + suffix : "";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
