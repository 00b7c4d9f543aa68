package io.magicvl.cli;

import io.magicvl.core.Json;
import io.magicvl.device.transport.DeviceEntry;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code magicvl device list}: the devices of every adb server, plus {@code local}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists 'local' and the devices of each adb server with their state and model.")
final class DeviceListCommand implements Callable<Integer> {
    @Mixin
    AdbServerOptions adb;

    @Option(names = "--json", description = "Print the devices as one JSON object.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<DeviceEntry> devices = adb.pool().list();
        if (json) {
            out().println(Json.PRETTY.writeValueAsString(java.util.Map.of("devices", devices)));
            return 0;
        }
        out().printf("%-40s %-12s %s%n", "DEVICE", "STATE", "DETAILS");
        for (DeviceEntry device : devices) {
            String details = device.properties().entrySet().stream()
                    .map(e -> e.getKey() + ":" + e.getValue())
                    .sorted()
                    .reduce((a, b) -> a + " " + b)
                    .orElse("");
            out().printf("%-40s %-12s %s%n", device.state().equals("unreachable") ? device.server() : device.qualifiedSerial(),
                    device.state(), details);
        }
        return 0;
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
