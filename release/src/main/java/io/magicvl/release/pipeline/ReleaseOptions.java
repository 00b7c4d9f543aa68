package io.magicvl.release.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of one {@code magicvl release} run.
 *
 * @param recipe the recipe file
 * @param checkpoint checkpoint folder overriding the recipe's, or null
 * @param outDir the release output folder
 * @param resume reuse finished steps whose inputs are unchanged
 * @param force replace an existing output folder (without {@code resume})
 * @param stopAfter stop after the step of this name, or null to run all
 * @param device serial of the device the device step benchmarks on, or null for this machine
 * @param adb adb servers ({@code HOST:PORT}) to reach the device; empty for the default
 */
public record ReleaseOptions(Path recipe, Path checkpoint, Path outDir, boolean resume, boolean force, String stopAfter,
        String device, List<String> adb) {
    /** Copies the server list. */
    public ReleaseOptions {
        adb = adb == null ? List.of() : List.copyOf(adb);
    }

    /** Creates options that benchmark on this machine. */
    public ReleaseOptions(Path recipe, Path checkpoint, Path outDir, boolean resume, boolean force, String stopAfter) {
        this(recipe, checkpoint, outDir, resume, force, stopAfter, null, List.of());
    }

    /** Returns the device serial, {@code local} when none was given. */
    public String deviceOrLocal() {
        return device == null ? "local" : device;
    }
}
