package io.magicvl.device.adb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code host:devices-l}: the serial, the connection state ({@code device},
 * {@code offline}, {@code unauthorized}, ...) and the {@code key:value} properties such as
 * {@code model} and {@code transport_id}.
 */
public record AdbDevice(String serial, String state, Map<String, String> properties) {

    /** Parses the text of {@code host:devices-l} (or {@code host:devices}). */
    public static List<AdbDevice> parseList(String text) {
        List<AdbDevice> devices = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            if (fields.length < 2) {
                continue;
            }
            // The state can be two words ("no permissions"); properties all contain ':'.
            StringBuilder state = new StringBuilder(fields[1]);
            Map<String, String> properties = new LinkedHashMap<>();
            for (int i = 2; i < fields.length; i++) {
                int colon = fields[i].indexOf(':');
                if (colon > 0) {
                    properties.put(fields[i].substring(0, colon), fields[i].substring(colon + 1));
                } else if (properties.isEmpty()) {
                    state.append(' ').append(fields[i]);
                }
            }
            devices.add(new AdbDevice(fields[0], state.toString(), Map.copyOf(properties)));
        }
        return devices;
    }

    /** Returns whether the device is online and ready for services. */
    public boolean online() {
        return state.equals("device");
    }

    /** Returns the {@code model} property, or an empty string. */
    public String model() {
        return properties.getOrDefault("model", "");
    }
}
