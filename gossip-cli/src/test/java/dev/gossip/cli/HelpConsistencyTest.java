package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Ties the help texts to what the commands do, where a machine can check it:
 *
 * <ul>
 *   <li>every option of {@code node} and {@code send} whose help says {@code Preset: V (local: X,
 *       wan: Y)}: under each preset, giving that value explicitly must not change the effective
 *       configuration ({@code --show-config}), so a preset default that moves makes its help fail
 *       here;
 *   <li>no help text of any command announces missing behaviour ("not ... yet", "this release",
 *       "not implemented"), the kind of sentence that outlived the feature it denied (the
 *       anti-entropy interval's help once said anti-entropy did not run yet).
 * </ul>
 */
class HelpConsistencyTest {

    private static final Pattern PRESET = Pattern.compile("Preset: ([^ ()]+?)\\.?(?: \\(([^)]*)\\))?\\.?(?: |$)");
    private static final Pattern STALE =
            Pattern.compile("\\byet\\b|this release|not implemented|coming soon|\\bTODO\\b", Pattern.CASE_INSENSITIVE);

    private static ApplicationContext context;

    @BeforeAll
    static void startContext() {
        context = ApplicationContext.run(Environment.CLI, Environment.TEST);
    }

    @AfterAll
    static void stopContext() {
        context.close();
    }

    /** @return per preset, the value the option's help claims, or an empty map if it claims none */
    static Map<String, String> claimedPresetValues(OptionSpec option) {
        String description = String.join(" ", option.description());
        Matcher m = PRESET.matcher(description);
        Map<String, String> claims = new LinkedHashMap<>();
        if (!m.find()) {
            return claims;
        }
        for (String preset : List.of("lan", "local", "wan")) {
            claims.put(preset, m.group(1));
        }
        if (m.group(2) != null) {
            for (String pair : m.group(2).split(",\\s*")) {
                String[] kv = pair.split(":\\s*", 2);
                if (kv.length == 2 && claims.containsKey(kv[0].strip())) {
                    claims.put(kv[0].strip(), kv[1].strip());
                }
            }
        }
        return claims;
    }

    private static String showConfig(String... args) {
        List<String> all = new ArrayList<>(List.of("node", "--show-config"));
        all.addAll(List.of(args));
        CliRun run = CliRun.execute(context, all.toArray(String[]::new));
        assertThat(run.code()).as("%s: %s", all, run.err()).isZero();
        return run.out();
    }

    @Test
    void everyPresetValueAHelpTextClaimsIsThePresetsValue() {
        CommandLine node = GossipCli.commandLine(context).getSubcommands().get("node");
        List<String> checked = new ArrayList<>();
        for (OptionSpec option : node.getCommandSpec().options()) {
            Map<String, String> claims = claimedPresetValues(option);
            claims.forEach((preset, value) -> {
                String name = option.longestName();
                String base = showConfig("--preset", preset);
                String explicit = showConfig("--preset", preset, name, value);
                assertThat(explicit)
                        .as(
                                "%s's help says 'Preset: %s' under --preset %s, but setting it changes the config",
                                name, value, preset)
                        .isEqualTo(base);
                checked.add(name + "@" + preset);
            });
        }
        // The check must bite: most config options state their preset value.
        assertThat(checked).hasSizeGreaterThan(40).contains("--anti-entropy-interval@local", "--bind@local");
    }

    @Test
    void aWrongClaimIsCaught() {
        String base = showConfig("--preset", "local");
        assertThat(showConfig("--preset", "local", "--anti-entropy-interval", "1s"))
                .as("the lan value under the local preset")
                .isNotEqualTo(base);
    }

    @Test
    void noHelpTextAnnouncesMissingBehaviour() {
        CommandLine top = GossipCli.commandLine(context);
        List<CommandLine> commands = new ArrayList<>(List.of(top));
        for (CommandLine sub : top.getSubcommands().values()) {
            commands.add(sub);
            commands.addAll(sub.getSubcommands().values());
        }
        for (CommandLine command : commands) {
            String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            Matcher stale = STALE.matcher(help);
            assertThat(stale.find())
                    .as(
                            "%s --help: '%s'",
                            command.getCommandSpec().qualifiedName(),
                            stale.find(0)
                                    ? help.substring(
                                                    Math.max(0, stale.start() - 60),
                                                    Math.min(help.length(), stale.end() + 20))
                                            .toLowerCase(Locale.ROOT)
                                    : "")
                    .isFalse();
        }
    }
}
