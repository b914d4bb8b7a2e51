package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Keeps docs/cli.md true: its generated blocks (every command's {@code --help}, and the table of
 * environment variables) must equal what the commands print now. When a command changes, rerun
 * with {@code -Dgossip.docs.update=true} to rewrite the blocks (the prose around them stays), then
 * review the diff.
 */
class CliDocTest {

    private static final Pattern BLOCK =
            Pattern.compile("<!-- generated: ([a-z -]+) -->\\n(.*?)<!-- end generated -->\\n", Pattern.DOTALL);

    private static ApplicationContext context;

    @BeforeAll
    static void startContext() {
        context = ApplicationContext.run(Environment.CLI, Environment.TEST);
    }

    @AfterAll
    static void stopContext() {
        context.close();
    }

    private static Path doc() {
        return Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath()
                .getParent()
                .resolve("docs/cli.md");
    }

    /** @return every generated block by name: "help gossip", "help node", ..., "environment" */
    static Map<String, String> expectedBlocks(CommandLine top) {
        Map<String, String> blocks = new LinkedHashMap<>();
        List<CommandLine> commands = new ArrayList<>();
        commands.add(top);
        for (CommandLine sub : top.getSubcommands().values()) {
            commands.add(sub);
            commands.addAll(sub.getSubcommands().values());
        }
        for (CommandLine command : commands) {
            String name = command.getCommandSpec().qualifiedName();
            blocks.put(
                    "help " + name,
                    "```text\n"
                            + command.getUsageMessage(CommandLine.Help.Ansi.OFF)
                                    .replace(System.lineSeparator(), "\n")
                                    .stripTrailing()
                            + "\n```\n");
        }
        StringBuilder table = new StringBuilder(
                "| Option | Environment variable | application.yml / system property |\n" + "|---|---|---|\n");
        for (String command : List.of("node", "send")) {
            for (OptionSpec option :
                    top.getSubcommands().get(command).getCommandSpec().options()) {
                String name = option.longestName();
                String row = "| `" + name + "` | `" + EnvironmentDefaults.variable(name) + "` | `"
                        + EnvironmentDefaults.property(name) + "` |\n";
                if (EnvironmentDefaults.configurable(option) && table.indexOf(row) < 0) {
                    table.append(row);
                }
            }
        }
        blocks.put("environment", table.toString());
        return blocks;
    }

    @Test
    void theGeneratedBlocksMatchTheCommands() throws IOException {
        Map<String, String> expected = expectedBlocks(GossipCli.commandLine(context));
        String text = Files.readString(doc(), StandardCharsets.UTF_8);
        Map<String, String> actual = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(text);
        StringBuilder updated = new StringBuilder();
        while (m.find()) {
            actual.put(m.group(1), m.group(2));
            String body = expected.getOrDefault(m.group(1), m.group(2));
            m.appendReplacement(
                    updated,
                    Matcher.quoteReplacement(
                            "<!-- generated: " + m.group(1) + " -->\n" + body + "<!-- end generated -->\n"));
        }
        m.appendTail(updated);
        if (Boolean.getBoolean("gossip.docs.update")) {
            Files.writeString(doc(), updated.toString(), StandardCharsets.UTF_8);
            text = updated.toString();
            actual.replaceAll((name, body) -> expected.getOrDefault(name, body));
        }
        String hint = "docs/cli.md is stale: rerun with -Dgossip.docs.update=true (mvn -pl gossip-cli test "
                + "-Dtest=CliDocTest -Dgossip.docs.update=true), or add a '<!-- generated: NAME -->' "
                + "block for a new command";
        assertThat(actual.keySet()).as(hint).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, body) ->
                assertThat(actual.get(name)).as(hint + " (block '%s')", name).isEqualTo(body));
    }
}
