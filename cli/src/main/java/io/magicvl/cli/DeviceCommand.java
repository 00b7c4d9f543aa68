package io.magicvl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code magicvl device}: the device stage (list, push, bench, loopback). */
@Command(
        name = "device",
        mixinStandardHelpOptions = true,
        description = {
            "Lists devices, pushes exports or bundles to them, benchmarks latency and energy against a baseline,",
            "and runs a loopback device for dry runs without a phone."
        },
        subcommands = {
            DeviceListCommand.class,
            DevicePushCommand.class,
            DeviceBenchCommand.class,
            DeviceLoopbackCommand.class,
        })
final class DeviceCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose list, push, bench or loopback.");
    }
}
