package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code gossip ...} command line the README shows parses against the real command tree:
 * a renamed or removed flag fails the build instead of the reader. (Running them is the job of
 * GossipJarIT, CliProcessIT and the command tests; this checks the exact text a reader copies.)
 */
class ReadmeCommandsTest {

    private static ApplicationContext context;

    @BeforeAll
    static void start() {
        context = ApplicationContext.run(Environment.CLI, Environment.TEST);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    static List<String> readmeCommands() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> commands = new ArrayList<>();
        while (block.find()) {
            for (String line : block.group(1).split("\\n")) {
                String command = line.replaceAll("\\s+#.*$", "").strip();
                if (command.startsWith("gossip ")) {
                    commands.add(command.substring("gossip ".length()));
                }
            }
        }
        return commands;
    }

    @Test
    void everyReadmeCommandParses() throws IOException {
        List<String> commands = readmeCommands();
        assertThat(commands).as("gossip commands in the README").hasSizeGreaterThanOrEqualTo(5);
        for (String command : commands) {
            CommandLine cli = GossipCli.commandLine(context);
            String[] args = command.split("\\s+");
            assertThatCode(() -> cli.parseArgs(args))
                    .as("README command: gossip %s", command)
                    .doesNotThrowAnyException();
        }
    }
}
