package io.magicvl.validator.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.io.OutputPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code run.json}: the description of what a run folder contains predictions of. A run resumes only with the same
 * benchmark file, export folder, item selection and settings, and runs merge only when these
 * agree.
 *
 * @param shardIndex 1-based shard, or null for a whole or merged run
 * @param mergedFrom the run folders a merged run came from; empty otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunManifest(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("bench") String bench,
        @JsonProperty("mode") String mode,
        @JsonProperty("data_file") String dataFile,
        @JsonProperty("data_sha256") String dataSha256,
        @JsonProperty("data_format") String dataFormat,
        @JsonProperty("data_items") int dataItems,
        @JsonProperty("export_dir") String exportDir,
        @JsonProperty("export_sha256") String exportSha256,
        @JsonProperty("images_dir") String imagesDir,
        @JsonProperty("limit") Integer limit,
        @JsonProperty("shard_index") Integer shardIndex,
        @JsonProperty("shard_count") Integer shardCount,
        @JsonProperty("max_new_tokens") int maxNewTokens,
        @JsonProperty("selected_items") int selectedItems,
        @JsonProperty("toolchain") String toolchain,
        @JsonProperty("merged_from") List<String> mergedFrom) {

    /** The file name inside a run folder. */
    public static final String FILE = "run.json";
    /** The predictions file inside a run folder. */
    public static final String PREDICTIONS = "predictions.jsonl";
    /** The scores file inside a run folder. */
    public static final String SCORES = "scores.json";
    /** The current format version. */
    public static final int FORMAT_VERSION = 1;

    /** Reads {@code run.json} of {@code runDir}. */
    public static RunManifest read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw MagicvlException.invalidInput(runDir + " is not a run folder: it has no " + FILE
                    + ". Give the --out folder of magicvl validate or merge.");
        }
        try {
            RunManifest manifest = Json.MAPPER.readValue(file.toFile(), RunManifest.class);
            if (manifest.formatVersion != FORMAT_VERSION) {
                throw MagicvlException.invalidInput(file + " has format_version " + manifest.formatVersion
                        + "; this magicvl reads version " + FORMAT_VERSION + ".");
            }
            return manifest;
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code run.json} into {@code runDir} atomically. */
    public void write(Path runDir) {
        try {
            OutputPaths.writeAtomically(runDir.resolve(FILE), Json.PRETTY.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot write " + runDir.resolve(FILE), e);
        }
    }

    /** Returns the shard, or null for a whole or merged run. */
    public Shard shard() {
        return shardIndex == null ? null : new Shard(shardIndex, shardCount);
    }

    /**
     * Lists the settings that differ from {@code other} and must agree for a resume; empty when
     * compatible.
     */
    public List<String> resumeConflicts(RunManifest other) {
        List<String> conflicts = mergeConflicts(other);
        compare(conflicts, "shard", shard(), other.shard());
        return conflicts;
    }

    /** Lists the settings that differ from {@code other} and must agree for a merge or a comparison of shards. */
    public List<String> mergeConflicts(RunManifest other) {
        List<String> conflicts = new ArrayList<>();
        compare(conflicts, "bench", bench, other.bench);
        compare(conflicts, "data_sha256 (benchmark file)", dataSha256, other.dataSha256);
        compare(conflicts, "export_sha256 (export folder manifest)", exportSha256, other.exportSha256);
        compare(conflicts, "mode", mode, other.mode);
        compare(conflicts, "max_new_tokens", maxNewTokens, other.maxNewTokens);
        compare(conflicts, "limit", limit, other.limit);
        return conflicts;
    }

    private static void compare(List<String> conflicts, String name, Object mine, Object theirs) {
        if (!Objects.equals(mine, theirs)) {
            conflicts.add(name + ": " + mine + " vs " + theirs);
        }
    }
}
