package dev.gossip.cli;

import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Reports errors as one line on stderr, naming the command, and never prints a stack trace:
 * usage errors (exit 2) point to the command's {@code --help}; failures while running (exit 1)
 * give the exception's message.
 */
final class ShortErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    private final EnvironmentDefaults defaults;

    ShortErrors(EnvironmentDefaults defaults) {
        this.defaults = defaults;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        String name = commandLine.getCommandSpec().qualifiedName();
        PrintWriter err = commandLine.getErr();
        String message = oneLine(ex.getMessage());
        err.println(name + ": " + message + defaults.sourceOf(message) + " (see '" + name + " --help')");
        err.flush();
        return GossipCli.EXIT_USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + describe(ex));
        err.flush();
        return GossipCli.EXIT_FAILURE;
    }

    /** @return the exception's message (or its type when it has none), on one line */
    static String describe(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = error.getCause();
            return cause != null ? describe(cause) : error.getClass().getSimpleName();
        }
        return oneLine(message);
    }

    private static String oneLine(@Nullable String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
