package dev.gossip.cli;

import io.micronaut.core.value.PropertyResolver;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives {@code gossip node} and {@code gossip send} option values from Micronaut's property
 * sources when the flag is absent: option {@code --max-payload-bytes} is property
 * {@code gossip.max-payload-bytes}, which Micronaut reads from a system property
 * ({@code -Dgossip.max-payload-bytes=512}), the environment variable
 * {@code GOSSIP_MAX_PAYLOAD_BYTES}, then {@code application.yml} ({@code gossip:
 * max-payload-bytes: 512}), in that order. An option with no such value keeps the preset's.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

    /** The commands whose options are read from the environment. */
    static final Set<String> COMMANDS = Set.of("node", "send");

    private static final Set<String> NOT_CONFIG = Set.of("--help", "--version", "--verbose", "--show-config");

    private final PropertyResolver properties;
    private final Map<String, String> used = new ConcurrentHashMap<>();

    EnvironmentDefaults(PropertyResolver properties) {
        this.properties = properties;
    }

    /**
     * @param option an option name such as {@code --c}
     * @return its property name, {@code gossip.c}
     */
    static String property(String option) {
        return "gossip." + option.substring(2);
    }

    /**
     * @param option an option name such as {@code --max-payload-bytes}
     * @return its environment variable, {@code GOSSIP_MAX_PAYLOAD_BYTES}
     */
    static String variable(String option) {
        return property(option).replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * @param arg an option or parameter
     * @return {@code true} if its value may come from the environment: a long option of node or
     *     send other than help, version, verbose, show-config and the key=value maps
     */
    static boolean configurable(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)
                || option.command() == null
                || !COMMANDS.contains(option.command().name())) {
            return false;
        }
        String name = option.longestName();
        return name.startsWith("--")
                && !NOT_CONFIG.contains(name)
                && !option.typeInfo().isMap();
    }

    @Override
    public @Nullable String defaultValue(ArgSpec arg) {
        if (!configurable(arg)) {
            return null;
        }
        String name = ((OptionSpec) arg).longestName();
        Optional<String> value = properties.getProperty(property(name), String.class);
        value.ifPresent(v -> used.put(name, v));
        return value.orElse(null);
    }

    /**
     * @param message a usage error
     * @return where the value it complains of came from, if from the environment, else empty
     */
    String sourceOf(String message) {
        for (String name : used.keySet()) {
            if (message.contains("'" + name + "'") || message.contains(name + " ")) {
                return " (value from " + variable(name) + " or " + property(name) + ")";
            }
        }
        return "";
    }
}
