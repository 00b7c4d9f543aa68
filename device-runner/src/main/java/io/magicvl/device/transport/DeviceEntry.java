package io.magicvl.device.transport;

import java.util.Map;

/**
 * One device of the pool: the server it hangs off ({@code local} for this machine), its
 * serial, state and properties. {@link #qualifiedSerial()} is unique across servers.
 */
public record DeviceEntry(String server, String serial, String state, Map<String, String> properties) {

    /** Returns {@code SERVER/SERIAL}, or {@code local}. */
    public String qualifiedSerial() {
        return server.equals("local") ? "local" : server + "/" + serial;
    }
}
