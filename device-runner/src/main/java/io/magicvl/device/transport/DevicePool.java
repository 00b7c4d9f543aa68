package io.magicvl.device.transport;

import io.magicvl.core.MagicvlException;
import io.magicvl.device.adb.AdbClient;
import io.magicvl.device.adb.AdbDevice;
import io.magicvl.device.adb.AdbServerAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices reachable from here: this machine ({@code local}) and every device of one or
 * more adb servers. A serial may be qualified with its server ({@code 127.0.0.1:5038/SERIAL})
 * when several servers list it.
 */
public final class DevicePool {
    private static final Logger LOG = LoggerFactory.getLogger(DevicePool.class);

    private final List<AdbClient> servers;
    private final Path localWorkDir;

    public DevicePool(List<AdbServerAddress> servers, Path localWorkDir) {
        this.servers = servers.stream().map(AdbClient::new).toList();
        this.localWorkDir = localWorkDir;
    }

    public List<AdbClient> servers() {
        return servers;
    }

    public Path localWorkDir() {
        return localWorkDir;
    }

    /**
     * Lists {@code local} and the devices of every server; an unreachable server is logged and
     * listed as one entry in state {@code unreachable}.
     */
    public List<DeviceEntry> list() {
        List<DeviceEntry> entries = new ArrayList<>();
        entries.add(new DeviceEntry("local", "local", "device",
                Map.of("os", System.getProperty("os.name"), "arch", System.getProperty("os.arch"))));
        for (AdbClient client : servers) {
            String server = client.address().toString();
            try {
                for (AdbDevice device : client.devices()) {
                    entries.add(new DeviceEntry(server, device.serial(), device.state(), device.properties()));
                }
            } catch (IOException e) {
                LOG.warn("adb server {} is unreachable: {}", server, e.getMessage());
                entries.add(new DeviceEntry(server, "", "unreachable", Map.of("error", String.valueOf(e.getMessage()))));
            }
        }
        return entries;
    }

    /**
     * Opens {@code device}: {@code local}, {@code SERIAL} or {@code HOST:PORT/SERIAL}.
     *
     * @throws MagicvlException (invalid input) when no server lists the device online
     */
    public DeviceTransport open(String device) throws IOException {
        for (DeviceTransportProvider provider : ServiceLoader.load(DeviceTransportProvider.class)) {
            Optional<DeviceTransport> transport = provider.open(device, this);
            if (transport.isPresent()) {
                return transport.get();
            }
        }
        if (device == null || device.isBlank() || device.equals("local")) {
            return new LocalTransport(localWorkDir);
        }
        int slash = device.lastIndexOf('/');
        List<AdbClient> candidates = servers;
        String serial = device;
        if (slash > 0) {
            AdbServerAddress address = AdbServerAddress.parse(device.substring(0, slash));
            serial = device.substring(slash + 1);
            candidates = servers.stream().filter(c -> c.address().equals(address)).toList();
            if (candidates.isEmpty()) {
                candidates = List.of(new AdbClient(address));
            }
        }
        List<String> seen = new ArrayList<>();
        List<AdbTransport> matches = new ArrayList<>();
        for (AdbClient client : candidates) {
            List<AdbDevice> listed;
            try {
                listed = client.devices();
            } catch (IOException e) {
                throw MagicvlException.invalidInput(e.getMessage(), e);
            }
            for (AdbDevice found : listed) {
                seen.add(client.address() + "/" + found.serial() + " (" + found.state() + ")");
                if (found.serial().equals(serial)) {
                    if (!found.online()) {
                        throw MagicvlException.invalidInput("Device " + device + " is " + found.state()
                                + " on adb server " + client.address() + ". Authorize or reconnect it and retry.");
                    }
                    matches.add(new AdbTransport(client, serial));
                }
            }
        }
        if (matches.size() > 1) {
            throw MagicvlException.invalidInput("Device " + serial + " is listed by several adb servers; qualify it as "
                    + "HOST:PORT/" + serial + ". Seen: " + String.join(", ", seen));
        }
        if (matches.isEmpty()) {
            throw MagicvlException.invalidInput("Device " + device + " not found on adb server(s) "
                    + servers.stream().map(c -> c.address().toString()).toList() + ". Devices seen: "
                    + (seen.isEmpty() ? "none" : String.join(", ", seen)) + ". Use 'magicvl device list'.");
        }
        return matches.get(0);
    }
}
