package io.magicvl.device.adb;

import io.magicvl.core.MagicvlException;
import java.util.Map;

/**
 * Host and port of an adb server. The default is 127.0.0.1:5037; {@code ADB_SERVER_SOCKET}
 * ({@code tcp:HOST:PORT}) overrides it as it does for the adb binary.
 */
public record AdbServerAddress(String host, int port) {
    /** The port the adb binary uses when nothing else is configured. */
    public static final int DEFAULT_PORT = 5037;

    public AdbServerAddress {
        if (host == null || host.isBlank()) {
            throw MagicvlException.invalidInput("adb server host is empty; give HOST:PORT, for example 127.0.0.1:5037.");
        }
        if (port <= 0 || port > 65535) {
            throw MagicvlException.invalidInput("adb server port " + port + " is out of range 1..65535.");
        }
    }

    /** Parses {@code HOST:PORT}, {@code PORT} or {@code tcp:HOST:PORT}. */
    public static AdbServerAddress parse(String text) {
        String value = text.trim();
        if (value.startsWith("tcp:")) {
            value = value.substring(4);
        }
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : value.substring(0, colon);
        String port = colon < 0 ? value : value.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new AdbServerAddress(host.isEmpty() ? "127.0.0.1" : host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw MagicvlException.invalidInput(
                    "Invalid adb server address '" + text + "': expected HOST:PORT, for example 127.0.0.1:5037.");
        }
    }

    /** Returns the address from {@code ADB_SERVER_SOCKET} in {@code environment}, else the default. */
    public static AdbServerAddress fromEnvironment(Map<String, String> environment) {
        String socket = environment.get("ADB_SERVER_SOCKET");
        if (socket != null && !socket.isBlank()) {
            if (!socket.startsWith("tcp:")) {
                throw MagicvlException.invalidInput(
                        "ADB_SERVER_SOCKET='" + socket + "' is not supported: only tcp:HOST:PORT is.");
            }
            return parse(socket);
        }
        return new AdbServerAddress("127.0.0.1", DEFAULT_PORT);
    }

    /** Returns the default address for this process (its environment). */
    public static AdbServerAddress fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
