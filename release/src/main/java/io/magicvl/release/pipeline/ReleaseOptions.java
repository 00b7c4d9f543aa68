package io.magicvl.release.pipeline;

import java.nio.file.Path;

/**
 * The options of one {@code magicvl release} run.
 *
 * @param recipe the recipe file
 * @param checkpoint checkpoint folder overriding the recipe's, or null
 * @param outDir the release output folder
 * @param resume reuse finished steps whose inputs are unchanged
 * @param force replace an existing output folder (without {@code resume})
 * @param stopAfter stop after the step of this name, or null to run all
 */
public record ReleaseOptions(Path recipe, Path checkpoint, Path outDir, boolean resume, boolean force, String stopAfter) {}
