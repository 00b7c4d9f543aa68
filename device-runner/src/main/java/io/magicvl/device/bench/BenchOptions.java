package io.magicvl.device.bench;

import io.magicvl.device.profile.DeviceProfile;
import java.nio.file.Path;

/**
 * Inputs of one {@code device bench}: the candidate export, an optional baseline export, the
 * profile, the output folder, the number of runs per model (overrides the profile when
 * positive), an optional external power trace, an optional prebuilt kit folder (required for
 * {@code app_process}), and whether to replace an existing output.
 */
public record BenchOptions(
        Path candidate,
        Path baseline,
        DeviceProfile profile,
        Path out,
        int runs,
        Path powerTrace,
        Path kit,
        boolean force) {

    public int effectiveRuns() {
        return runs > 0 ? runs : profile.protocol().runs();
    }
}
