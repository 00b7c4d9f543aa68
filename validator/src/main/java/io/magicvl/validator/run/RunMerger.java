package io.magicvl.validator.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.io.OutputPaths;
import io.magicvl.validator.score.BenchScore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Combines the run folders of the shards of one benchmark run into one run folder, as if it
 * had run unsharded. Rejects shards that disagree (benchmark file, export folder, mode, limit,
 * max new tokens, shard count), a shard given twice or missing, overlapping predictions and
 * incomplete shards.
 */
public final class RunMerger {
    private RunMerger() {}

    /** Merges {@code runDirs} into {@code outDir}, which must not exist unless {@code force}. */
    public static RunResult merge(List<Path> runDirs, Path outDir, boolean force) {
        return merge(runDirs, outDir, force, null);
    }

    /**
     * Merges like {@link #merge(List, Path, boolean)}, reading the benchmark file from
     * {@code dataFile} when it is not null (see {@link RunResult#load(Path, Path)}).
     */
    public static RunResult merge(List<Path> runDirs, Path outDir, boolean force, Path dataFile) {
        if (runDirs.isEmpty()) {
            throw MagicvlException.invalidInput("Give at least one run folder to merge.");
        }
        OutputPaths.checkWritable(outDir, force);
        OutputPaths.checkSeparate(outDir, runDirs.toArray(Path[]::new));
        List<LoadedRun> runs = new ArrayList<>();
        for (Path dir : runDirs) {
            runs.add(RunResult.load(dir, dataFile));
        }
        checkShards(runs);

        Map<Integer, JsonNode> lines = new TreeMap<>();
        Map<Integer, Path> source = new TreeMap<>();
        for (LoadedRun run : runs) {
            for (Map.Entry<Integer, JsonNode> entry : run.predictions().lines().entrySet()) {
                Path previous = source.put(entry.getKey(), run.runDir());
                if (previous != null) {
                    throw MagicvlException.invalidInput("Shards overlap: item " + entry.getKey() + " has a prediction in "
                            + previous + " and in " + run.runDir() + ".");
                }
                lines.put(entry.getKey(), entry.getValue());
            }
        }
        return write(runs, lines, outDir, force);
    }

    /** Rejects runs that are not the complete, matching shards of one run. */
    private static void checkShards(List<LoadedRun> runs) {
        LoadedRun first = runs.get(0);
        Integer count = first.manifest().shardCount();
        boolean[] seen = new boolean[count == null ? 2 : count + 1];
        for (LoadedRun run : runs) {
            List<String> conflicts = first.manifest().mergeConflicts(run.manifest());
            if (!conflicts.isEmpty()) {
                throw MagicvlException.invalidInput("Run " + run.runDir() + " does not match " + first.runDir() + ": "
                        + String.join("; ", conflicts) + ".");
            }
            Shard shard = run.manifest().shard();
            if (shard == null || count == null || shard.count() != count) {
                throw MagicvlException.invalidInput("Run " + run.runDir() + " is " + (shard == null ? "not a shard"
                        : "shard " + shard) + " but " + first.runDir() + " is "
                        + (count == null ? "not a shard" : "one of " + count + " shards") + "; merge the shards of one "
                        + "sharded run.");
            }
            if (seen[shard.index()]) {
                throw MagicvlException.invalidInput("Shard " + shard + " is given twice (again in " + run.runDir() + ").");
            }
            seen[shard.index()] = true;
            if (!run.missingPositions().isEmpty()) {
                throw MagicvlException.invalidInput("Shard " + shard + " in " + run.runDir() + " is incomplete: "
                        + run.missingPositions().size() + " items have no prediction. Resume it with magicvl validate "
                        + "and the same --out before merging.");
            }
        }
        for (int i = 1; i <= count; i++) {
            if (!seen[i]) {
                throw MagicvlException.invalidInput("Shard " + i + "/" + count + " is missing; give the run folders of all "
                        + count + " shards.");
            }
        }
    }

    private static RunResult write(List<LoadedRun> runs, Map<Integer, JsonNode> lines, Path outDir, boolean force) {
        RunManifest base = runs.get(0).manifest();
        List<String> mergedFrom = new ArrayList<>();
        runs.forEach(run -> mergedFrom.add(run.runDir().toAbsolutePath().toString()));
        RunManifest merged = new RunManifest(base.formatVersion(), base.bench(), base.mode(),
                runs.get(0).data().file().toAbsolutePath().toString(),
                base.dataSha256(), base.dataFormat(), base.dataItems(), base.exportDir(), base.exportSha256(),
                base.imagesDir(), base.limit(), null, null, base.maxNewTokens(), lines.size(), base.toolchain(),
                mergedFrom);
        Path temporary = OutputPaths.temporarySibling(outDir);
        try {
            merged.write(temporary);
            StringBuilder text = new StringBuilder();
            for (JsonNode line : lines.values()) {
                text.append(Json.MAPPER.writeValueAsString(line)).append('\n');
            }
            Files.writeString(temporary.resolve(RunManifest.PREDICTIONS), text, StandardCharsets.UTF_8);
            LoadedRun loaded = new LoadedRun(temporary, merged, runs.get(0).data(),
                    io.magicvl.validator.score.PredictionsFile.read(temporary.resolve(RunManifest.PREDICTIONS),
                            runs.get(0).data().items().size()));
            BenchScore score = loaded.score();
            Files.write(temporary.resolve(RunManifest.SCORES), Json.PRETTY.writeValueAsBytes(score.toJson()));
            OutputPaths.moveIntoPlace(temporary, outDir, force);
            return new RunResult(outDir, merged, lines.size(), lines.size(), score, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write merged run " + outDir, e);
        } finally {
            try {
                OutputPaths.deleteRecursively(temporary);
            } catch (IOException e) {
                // The temporary folder was moved into place or is left for the user to delete.
            }
        }
    }
}
