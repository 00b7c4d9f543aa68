package io.magicvl.cli;

import io.magicvl.core.Json;
import io.magicvl.device.push.BundlePusher;
import io.magicvl.device.push.PushResult;
import io.magicvl.device.transport.DeviceTransport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code magicvl device push}: pushes an export folder or a bundle file, resumably and verified. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = {
            "Pushes an export folder or a bundle to a device, resumably and hash-verified.",
            "Files the device already has with the same sha256 are skipped, each file is renamed into place",
            "only when complete, and every remote hash is verified afterwards. Run it again to resume."
        })
final class DevicePushCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BUNDLE_OR_EXPORT", description = "Export folder or bundle file to push.")
    Path source;

    @Option(names = "--device", paramLabel = "SERIAL",
            description = "Device: SERIAL, HOST:PORT/SERIAL (a serial on one adb server) or local. Default: local.")
    String device = "local";

    @Option(names = "--to", paramLabel = "DEVICE_DIR",
            description = "Folder on the device (default: <work dir>/magicvl/<name of BUNDLE_OR_EXPORT>).")
    String remoteDir;

    @Mixin
    AdbServerOptions adb;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (DeviceTransport transport = adb.pool().open(device)) {
            String target = remoteDir != null ? remoteDir
                    : transport.defaultWorkDir() + "/magicvl/" + source.toAbsolutePath().normalize().getFileName();
            PushResult result = new BundlePusher(transport).push(source, target);
            if (json) {
                out().println(Json.PRETTY.writeValueAsString(result));
            } else {
                out().printf("%s -> %s:%s: %d sent (%d bytes), %d unchanged, verified, %.2f s%n", source,
                        result.device(), result.remoteDir(), result.sent().size(), result.bytesSent(),
                        result.skipped().size(), result.seconds());
            }
        }
        return 0;
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
