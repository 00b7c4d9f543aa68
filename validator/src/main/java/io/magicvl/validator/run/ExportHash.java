package io.magicvl.validator.run;

import io.magicvl.core.MagicvlException;
import io.magicvl.validator.data.BenchmarkData;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The identity of an export folder: the SHA-256 of its {@code manifest.json}, which lists the
 * size and SHA-256 of every other file, so any change to the folder changes it.
 */
public final class ExportHash {
    private ExportHash() {}

    /** Returns the SHA-256 of {@code exportDir/manifest.json}. */
    public static String of(Path exportDir) {
        Path manifest = exportDir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            throw MagicvlException.invalidInput(exportDir + " is not an export folder: it has no manifest.json. "
                    + "Give a folder written by magicvl convert or quantize.");
        }
        return BenchmarkData.sha256(manifest);
    }
}
