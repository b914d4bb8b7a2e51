package dev.gossip.cli;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;

/**
 * Entry point of the {@code gossip} command line ({@code java -jar gossip.jar}).
 *
 * <p>Exit codes: {@value #EXIT_OK} success, {@value #EXIT_FAILURE} failure (incomplete delivery,
 * join failure, any error while running), {@value #EXIT_USAGE} usage error (bad flag or value).
 */
public final class GossipCli {

    /** Success. */
    public static final int EXIT_OK = 0;
    /** The command ran and failed: incomplete delivery, join failure, an error while running. */
    public static final int EXIT_FAILURE = 1;
    /** Bad usage: an unknown flag, a missing or invalid value. */
    public static final int EXIT_USAGE = 2;

    private GossipCli() {}

    /**
     * Runs the command line and exits the JVM with the command's exit code.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        configureLogging(args);
        int code;
        ApplicationContext started;
        try {
            started = ApplicationContext.builder(GossipCli.class)
                    .environments(Environment.CLI)
                    .deduceEnvironment(false)
                    .banner(false)
                    .overrideConfigLocations("classpath:/", "file:./", "file:config/")
                    .start();
        } catch (RuntimeException | LinkageError e) {
            // A malformed application.yml, a missing MICRONAUT_CONFIG_FILES file: usage errors,
            // one line naming the file, never a stack trace.
            System.err.println("gossip: " + ConfigFiles.describe(e, System.getenv()));
            System.exit(EXIT_USAGE);
            return;
        }
        try (ApplicationContext context = started) {
            Charset charset = Charset.defaultCharset();
            code = execute(
                    context,
                    new PrintWriter(System.out, true, charset),
                    new PrintWriter(System.err, true, charset),
                    args);
        }
        System.exit(code);
    }

    /**
     * Runs the command line in-process: what {@link #main} does, without exiting. Usage errors
     * and failures are reported as one line on {@code err}, never as a stack trace.
     *
     * @param context the Micronaut context that creates the commands and their beans
     * @param out where results go
     * @param err where errors, progress and status go
     * @param args the command-line arguments
     * @return the exit code: {@value #EXIT_OK}, {@value #EXIT_FAILURE} or {@value #EXIT_USAGE}
     */
    public static int execute(ApplicationContext context, PrintWriter out, PrintWriter err, String... args) {
        return execute(context, System.getenv(), out, err, args);
    }

    /**
     * As {@link #execute(ApplicationContext, PrintWriter, PrintWriter, String...)}, with the process
     * environment given (for the check of {@code GOSSIP_*} variables).
     *
     * @param context the Micronaut context
     * @param variables the environment variables
     * @param out where results go
     * @param err where errors, progress and status go
     * @param args the command-line arguments
     * @return the exit code
     */
    static int execute(
            ApplicationContext context,
            Map<String, String> variables,
            PrintWriter out,
            PrintWriter err,
            String... args) {
        CommandLine commandLine = commandLine(context);
        CommandLine top = commandLine;
        commandLine.setExecutionStrategy(parseResult -> {
            List<CommandLine> parsed = parseResult.asCommandLineList();
            CommandLine last = parsed.get(parsed.size() - 1);
            if (EnvironmentDefaults.COMMANDS.contains(last.getCommandSpec().name())
                    && !last.isUsageHelpRequested()
                    && !last.isVersionHelpRequested()) {
                ConfigKeys.check(top, last, context.getEnvironment(), variables, last.getErr());
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        commandLine.setOut(out);
        commandLine.setErr(err);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * @param context the Micronaut context
     * @return the configured command line: short error handlers, exit codes as documented
     */
    static CommandLine commandLine(ApplicationContext context) {
        CommandLine commandLine = new CommandLine(GossipCommand.class, new MicronautFactory(context));
        EnvironmentDefaults defaults = new EnvironmentDefaults(context.getEnvironment());
        commandLine.setDefaultValueProvider(defaults);
        // GossipCommand declares bench
        CommandLine bench = Objects.requireNonNull(commandLine.getSubcommands().get("bench"), "bench");
        bench.setUnmatchedOptionsArePositionalParams(true);
        ShortErrors errors = new ShortErrors(defaults);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setExecutionExceptionHandler(errors);
        return commandLine;
    }

    /**
     * The libraries log through {@code System.Logger}, which slf4j-jdk-platform-logging routes to
     * slf4j-simple (configured in {@code simplelogger.properties}: warnings and errors on stderr).
     * {@code -v}/{@code --verbose} shows the gossip libraries' debug messages; it must be set before the first
     * logger exists, so it is read here, before Micronaut starts.
     */
    private static void configureLogging(String[] args) {
        if (Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose")) {
            System.setProperty("org.slf4j.simpleLogger.log.dev.gossip", "debug");
        }
    }
}
