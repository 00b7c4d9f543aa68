package io.magicvl.device.transport;

import java.io.IOException;

/** The device stopped answering (unplugged, rebooted, or its connection dropped) during an operation. */
public class DeviceGoneException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String device;

    public DeviceGoneException(String device, String operation, IOException cause) {
        super("device " + device + " stopped answering during " + operation + ": " + cause.getMessage()
                + ". Check the cable or connection ('magicvl device list') and run the command again.", cause);
        this.device = device;
    }

    public String device() {
        return device;
    }
}
