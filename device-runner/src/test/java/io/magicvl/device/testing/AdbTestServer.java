package io.magicvl.device.testing;

import io.magicvl.device.adb.AdbClient;
import io.magicvl.device.adb.AdbDevice;
import io.magicvl.device.adb.AdbServerAddress;
import io.magicvl.device.loopback.LoopbackDevice;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real adb server on a free loopback port with a throw-away HOME, so tests never
 * touch a developer's server on 5037 or their adb keys. {@link #close()} kills the server.
 */
public final class AdbTestServer implements AutoCloseable {
    private final Path home;
    private final int port;

    private AdbTestServer(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Starts {@code adb -P PORT start-server} with HOME set to {@code home}. */
    public static AdbTestServer start(Path home) throws IOException, InterruptedException {
        Files.createDirectories(home);
        AdbTestServer server = new AdbTestServer(home, freePort());
        String output = server.adb("start-server");
        server.awaitReady(output);
        return server;
    }

    /**
     * Returns whether Debian's adb is installed. Under CI ({@code CI=true}) a missing adb is an
     * error rather than a reason to skip, because {@code .ci/run} installs it.
     */
    public static boolean adbAvailable() {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/adb"));
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("/usr/bin/adb is missing under CI: install it with apt-get install -y adb");
        }
        return installed;
    }

    public int port() {
        return port;
    }

    public AdbServerAddress address() {
        return new AdbServerAddress("127.0.0.1", port);
    }

    public AdbClient client() {
        return new AdbClient(address(), Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    /** Registers {@code device} with {@code adb connect} and waits until it is online. */
    public void connect(LoopbackDevice device) throws IOException, InterruptedException {
        String output = adb("connect", device.serial());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<AdbDevice> devices = client().devices();
            if (devices.stream().anyMatch(d -> d.serial().equals(device.serial()) && d.online())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("device " + device.serial() + " did not come online: " + output + " / " + client().devices());
    }

    /** Runs the adb binary against this server and returns its combined output. */
    public String adb(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 3];
        command[0] = "/usr/bin/adb";
        command[1] = "-P";
        command[2] = Integer.toString(port);
        System.arraycopy(args, 0, command, 3, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("ANDROID_ADB_SERVER_PORT", Integer.toString(port));
        builder.environment().remove("ADB_SERVER_SOCKET");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("adb " + String.join(" ", args) + " timed out");
        }
        return output;
    }

    private void awaitReady(String startOutput) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                client().version();
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IOException("adb server on port " + port + " did not start: " + startOutput, last);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        adb("kill-server");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
