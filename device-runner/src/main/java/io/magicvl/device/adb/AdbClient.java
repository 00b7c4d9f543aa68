package io.magicvl.device.adb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A client of one adb server: lists devices and opens device services (shell v2, exec,
 * sync) through {@code host:transport:SERIAL}. Each call opens its own connection, so one
 * client may be used from several threads.
 */
public final class AdbClient {
    private static final String SENTINEL = "__MAGICVL_EXIT__";

    private final AdbServerAddress address;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Map<String, Set<String>> featuresBySerial = new ConcurrentHashMap<>();

    public AdbClient(AdbServerAddress address, Duration connectTimeout, Duration readTimeout) {
        this.address = address;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** Creates a client with a 5 s connect timeout and a 60 s read timeout. */
    public AdbClient(AdbServerAddress address) {
        this(address, Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    public AdbServerAddress address() {
        return address;
    }

    /** Returns the server's protocol version (41 for adb 1.0.41). */
    public int version() throws IOException {
        try (AdbSocket socket = open()) {
            socket.request("host:version");
            return Integer.parseInt(socket.readHexString(), 16);
        }
    }

    /** Returns the devices the server lists, with their state and properties. */
    public List<AdbDevice> devices() throws IOException {
        try (AdbSocket socket = open()) {
            socket.request("host:devices-l");
            return AdbDevice.parseList(socket.readHexString());
        }
    }

    /** Asks the server to connect to a TCP device, as {@code adb connect} does, and returns its message. */
    public String connect(String hostAndPort) throws IOException {
        try (AdbSocket socket = open()) {
            socket.request("host:connect:" + hostAndPort);
            return socket.readHexString();
        }
    }

    /** Returns the feature names the device announced in its banner (for example {@code shell_v2}). */
    public Set<String> features(String serial) throws IOException {
        Set<String> cached = featuresBySerial.get(serial);
        if (cached != null) {
            return cached;
        }
        try (AdbSocket socket = open()) {
            socket.request("host-serial:" + serial + ":features");
            Set<String> features = Arrays.stream(socket.readHexString().split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
            featuresBySerial.put(serial, features);
            return features;
        }
    }

    /**
     * Opens {@code service} on the device {@code serial} and returns the connected socket,
     * which from then on carries that service's bytes.
     */
    public AdbSocket openService(String serial, String service) throws IOException {
        AdbSocket socket = open();
        try {
            socket.request("host:transport:" + serial);
            socket.request(service);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Runs {@code command} in the device shell and returns its exit code, stdout and stderr.
     * Uses shell protocol v2 when the device offers {@code shell_v2}; otherwise merges the
     * streams and recovers the exit code from a sentinel line.
     *
     * @param timeout longest time without any output before the call fails
     */
    public ShellResult shell(String serial, String command, Duration timeout) throws IOException {
        if (features(serial).contains("shell_v2")) {
            try (AdbSocket socket = openService(serial, "shell,v2,raw:" + command)) {
                socket.setReadTimeout(timeout);
                ShellProtocol.write(socket.output(), ShellProtocol.CLOSE_STDIN, new byte[0]);
                return ShellProtocol.readUntilExit(socket.input());
            }
        }
        return legacyShell(serial, command, timeout);
    }

    /** Runs {@code command} with the read timeout of this client. */
    public ShellResult shell(String serial, String command) throws IOException {
        return shell(serial, command, readTimeout);
    }

    /** Runs {@code command} through {@code exec:} and returns its raw stdout (no exit code). */
    public byte[] exec(String serial, String command) throws IOException {
        try (AdbSocket socket = openService(serial, "exec:" + command)) {
            return socket.readToEnd();
        }
    }

    /** Opens a sync session on the device; close it to send {@code QUIT}. */
    public SyncSession sync(String serial) throws IOException {
        return new SyncSession(openService(serial, "sync:"), serial);
    }

    private ShellResult legacyShell(String serial, String command, Duration timeout) throws IOException {
        try (AdbSocket socket = openService(serial, "shell:" + command + "; echo " + SENTINEL + "$?")) {
            socket.setReadTimeout(timeout);
            String text = new String(socket.readToEnd(), StandardCharsets.UTF_8);
            int marker = text.lastIndexOf(SENTINEL);
            if (marker < 0) {
                throw new IOException("shell command on " + serial + " ended without its exit code: " + command);
            }
            int code = Integer.parseInt(text.substring(marker + SENTINEL.length()).strip());
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            stdout.writeBytes(text.substring(0, marker).getBytes(StandardCharsets.UTF_8));
            return new ShellResult(code, stdout.toByteArray(), new byte[0]);
        }
    }

    private AdbSocket open() throws IOException {
        return AdbSocket.open(address, connectTimeout, readTimeout);
    }
}
