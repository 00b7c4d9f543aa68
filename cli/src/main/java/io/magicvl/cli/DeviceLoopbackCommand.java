package io.magicvl.cli;

import io.magicvl.device.loopback.LoopbackDevice;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code magicvl device loopback}: a device daemon on 127.0.0.1 for dry runs without a phone. */
@Command(name = "loopback", mixinStandardHelpOptions = true,
        description = {
            "Runs a loopback adb device on 127.0.0.1:PORT until interrupted.",
            "Register it with 'adb connect 127.0.0.1:PORT'. Its file system is DIR (device path /X is DIR/X), commands run",
            "with this machine's /bin/sh in DIR/data/local/tmp, and battery and thermal values are files",
            "under DIR/sys and DIR/loopback/thermal_status that you can edit while it runs."
        })
final class DeviceLoopbackCommand implements Callable<Integer> {
    @Option(names = "--port", required = true, paramLabel = "N",
            description = "TCP port on 127.0.0.1 (avoid 5555-5585, which adb scans as emulators).")
    int port;

    @Option(names = "--root", required = true, paramLabel = "DIR", description = "Folder that contains the device's file system (device path /X is DIR/X).")
    Path root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        try (LoopbackDevice device = LoopbackDevice.start(port, root)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                device.close();
                stopped.countDown();
            }));
            spec.commandLine().getErr().println("loopback device on " + device.serial() + " with root "
                    + device.sandbox().root() + "; register it with: adb connect " + device.serial());
            spec.commandLine().getErr().flush();
            stopped.await();
        }
        return 0;
    }
}
