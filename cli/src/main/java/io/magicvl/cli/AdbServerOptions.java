package io.magicvl.cli;

import io.magicvl.device.adb.AdbServerAddress;
import io.magicvl.device.transport.DevicePool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --adb HOST:PORT} option shared by the device commands. */
final class AdbServerOptions {
    @Option(
            names = "--adb",
            paramLabel = "HOST:PORT",
            description = {
                "adb server to use; repeat it to pool the devices of several servers.",
                "Default: ADB_SERVER_SOCKET (tcp:HOST:PORT) if set, else 127.0.0.1:5037."
            })
    List<String> servers = new ArrayList<>();

    @Option(
            names = "--local-dir",
            paramLabel = "DIR",
            description = "Work folder of the local device (default: magicvl-local-device in the temporary folder).")
    Path localDir;

    List<AdbServerAddress> addresses() {
        if (servers.isEmpty()) {
            return List.of(AdbServerAddress.fromEnvironment());
        }
        return servers.stream().map(AdbServerAddress::parse).toList();
    }

    DevicePool pool() {
        Path local = localDir != null ? localDir : Path.of(System.getProperty("java.io.tmpdir"), "magicvl-local-device");
        return new DevicePool(addresses(), local);
    }
}
