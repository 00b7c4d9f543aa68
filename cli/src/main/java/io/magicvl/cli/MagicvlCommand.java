package io.magicvl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The top-level {@code magicvl} command. Each pipeline step is a subcommand; keep the list
 * below in pipeline order, one entry per line.
 */
@Command(
        name = "magicvl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Turns trained vision-language checkpoints into verified mobile model bundles.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  a check or gate ran and failed",
            "  2  invalid input or usage",
            "  other  an internal error (a bug)"
        },
        subcommands = {
            CommandLine.HelpCommand.class,
            InspectCommand.class,
            AuditCommand.class,
            ConvertCommand.class,
            QuantizeCommand.class,
            RunCommand.class,
            ValidateCommand.class,
            ScoreCommand.class,
            MergeCommand.class,
            CompareCommand.class,
            DeviceCommand.class,
            PackCommand.class,
            VerifyCommand.class,
            UnpackCommand.class,
            ReleaseCommand.class,
            SynthCommand.class,
            BenchCommand.class,
        })
public final class MagicvlCommand implements Runnable {
    private static volatile boolean verbose;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-v", "--verbose"},
            scope = CommandLine.ScopeType.INHERIT,
            description = "Log debug messages and print stack traces of reported errors.")
    void setVerbose(boolean value) {
        verbose = value;
    }

    /** Returns whether {@code --verbose} was given. */
    public static boolean verbose() {
        return verbose;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of the commands below.");
    }

    /** Sets the log level before any command runs, then runs the command. */
    static int executionStrategy(CommandLine.ParseResult parseResult) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "info");
        return new CommandLine.RunLast().execute(parseResult);
    }
}
