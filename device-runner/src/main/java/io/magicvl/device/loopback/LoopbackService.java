package io.magicvl.device.loopback;

import java.io.IOException;

/** A device service (shell, exec, sync) served on one stream. */
interface LoopbackService {

    /** Serves the stream until the service ends; the caller closes the stream afterwards. */
    void serve(LoopbackStream stream, LoopbackConnection connection) throws IOException;

    /** Returns the handler for an OPEN service string, or null to refuse it. */
    static LoopbackService forName(String service, LoopbackDevice device) {
        if (service.equals("sync:")) {
            return new LoopbackSyncService(device.sandbox(), device.faults());
        }
        if (service.startsWith("exec:")) {
            return LoopbackShellService.exec(device.sandbox(), service.substring(5));
        }
        if (service.startsWith("shell")) {
            int colon = service.indexOf(':');
            if (colon < 0) {
                return null;
            }
            String options = service.substring(0, colon);
            String command = service.substring(colon + 1);
            if (command.isBlank()) {
                return null; // no interactive shell
            }
            boolean v2 = false;
            for (String option : options.split(",")) {
                v2 |= option.equals("v2");
            }
            return v2 ? LoopbackShellService.v2(device.sandbox(), command) : LoopbackShellService.legacy(device.sandbox(), command);
        }
        return null;
    }
}
