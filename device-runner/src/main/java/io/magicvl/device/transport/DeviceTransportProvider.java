package io.magicvl.device.transport;

import java.io.IOException;
import java.util.Optional;

/**
 * Opens devices of one kind from a {@code --device} value. {@link DevicePool} asks the
 * providers registered in {@code META-INF/services} first, then the built-in {@code local}
 * and adb transports.
 */
public interface DeviceTransportProvider {

    /** Returns the transport for {@code device}, or empty if this provider does not handle it. */
    Optional<DeviceTransport> open(String device, DevicePool pool) throws IOException;
}
