package io.magicvl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code magicvl bench}: performance measurements. Each measurement is a subcommand; add new
 * ones to the list below, one entry per line.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures magicvl's performance (one subcommand per measurement).",
        subcommands = {
            BenchReadCommand.class,
            BenchRuntimeCommand.class,
        })
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing benchmark: choose one of the subcommands below.");
    }
}
