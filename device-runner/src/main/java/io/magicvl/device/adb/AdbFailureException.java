package io.magicvl.device.adb;

import java.io.IOException;

/** The adb server or device responded to a request with {@code FAIL} and this reason. */
public class AdbFailureException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public AdbFailureException(String request, String reason) {
        super("adb request '" + request + "' failed: " + reason);
        this.reason = reason;
    }

    /** Returns the reason text the server sent after {@code FAIL}. */
    public String reason() {
        return reason;
    }
}
