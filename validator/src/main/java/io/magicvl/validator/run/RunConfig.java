package io.magicvl.validator.run;

import io.magicvl.validator.data.Bench;
import io.magicvl.validator.score.ScoringMode;
import java.nio.file.Path;

/**
 * The settings of one {@code magicvl validate} run.
 *
 * @param imagesDir the image root for official JSON files (ignored for TSV files, whose images are embedded)
 * @param limit the number of leading items of the file to run, or null for all
 */
public record RunConfig(
        Path exportDir,
        Bench bench,
        Path dataFile,
        Path imagesDir,
        Path outDir,
        Integer limit,
        Shard shard,
        int threads,
        ScoringMode mode,
        int maxNewTokens,
        MissingImagePolicy onMissingImage) {

    /** The default maximum number of new tokens per answer. */
    public static final int DEFAULT_MAX_NEW_TOKENS = 24;
}
