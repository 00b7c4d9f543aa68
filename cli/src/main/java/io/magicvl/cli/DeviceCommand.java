package io.magicvl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code magicvl device}: the device stage (list, push, bench, loopback). */
@Command(
        name = "device",
        mixinStandardHelpOptions = true,
        description = {
            "Lists devices, pushes exports to them and benchmarks latency and energy against a baseline.",
            "'device loopback' runs a device without a phone for dry runs."
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
