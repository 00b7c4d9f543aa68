package io.magicvl.cli;

import io.magicvl.core.ExitCodes;
import io.magicvl.core.MagicvlException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code magicvl} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code, without exiting the JVM. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /** Builds the command tree with magicvl's exit-code and error-reporting rules. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new MagicvlCommand());
        commandLine.setExecutionStrategy(MagicvlCommand::executionStrategy);
        commandLine.setExitCodeExceptionMapper(Main::exitCodeFor);
        commandLine.setExecutionExceptionHandler(Main::handleExecutionException);
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.INVALID_INPUT);
        commandLine.getCommandSpec().exitCodeOnExecutionException(ExitCodes.INTERNAL_ERROR);
        return commandLine;
    }

    private static int exitCodeFor(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof MagicvlException magicvl) {
            return magicvl.exitCode();
        }
        if (cause instanceof CommandLine.ParameterException) {
            return ExitCodes.INVALID_INPUT;
        }
        return ExitCodes.INTERNAL_ERROR;
    }

    private static int handleExecutionException(
            Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        Throwable cause = unwrap(error);
        if (cause instanceof MagicvlException magicvl) {
            String prefix = magicvl.kind() == MagicvlException.Kind.CHECK_FAILED ? "check failed: " : "error: ";
            err.println(prefix + magicvl.getMessage());
            if (MagicvlCommand.verbose()) {
                magicvl.printStackTrace(err);
            }
            err.flush();
            return magicvl.exitCode();
        }
        err.println("internal error (this is a bug in magicvl, please report it with the trace below): " + cause);
        cause.printStackTrace(err);
        err.flush();
        return ExitCodes.INTERNAL_ERROR;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CommandLine.ExecutionException
                        || current instanceof java.util.concurrent.ExecutionException
                        || current instanceof java.util.concurrent.CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
