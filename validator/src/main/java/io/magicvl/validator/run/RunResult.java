package io.magicvl.validator.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.core.io.OutputPaths;
import io.magicvl.validator.data.Bench;
import io.magicvl.validator.data.BenchmarkData;
import io.magicvl.validator.score.BenchScore;
import io.magicvl.validator.score.PredictionsFile;
import io.magicvl.validator.score.ScoringMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of a run invocation: how many selected items have predictions, the score once
 * all of them do, and the throughput of this invocation.
 *
 * @param score null while some selected items have no prediction
 * @param stats null for a merged run
 */
public record RunResult(Path runDir, RunManifest manifest, int selected, int predicted, BenchScore score, RunStats stats) {

    /** Returns whether every selected item has a prediction line. */
    public boolean complete() {
        return predicted == selected;
    }

    /** Scores the run folder if complete and writes {@code scores.json}. */
    static RunResult finish(Path runDir, RunManifest manifest, BenchmarkData data, Set<Integer> positions, RunStats stats) {
        PredictionsFile predictions = PredictionsFile.read(runDir.resolve(RunManifest.PREDICTIONS), data.items().size());
        Set<Integer> present = new TreeSet<>(predictions.lines().keySet());
        present.retainAll(positions);
        if (present.size() < positions.size()) {
            return new RunResult(runDir, manifest, positions.size(), present.size(), null, stats);
        }
        BenchScore score = BenchScore.score(data.subset(positions), predictions.predictions(),
                predictions.judgeLabels(), ScoringMode.parse(manifest.mode()));
        ObjectNode json = score.toJson();
        if (stats != null) {
            ObjectNode node = json.putObject("run_stats");
            node.put("threads", stats.threads());
            node.put("items_run", stats.itemsRun());
            node.put("wall_seconds", stats.wallNanos() / 1e9);
            node.put("model_open_seconds", stats.openNanos() / 1e9);
            node.put("items_per_second", stats.itemsPerSecond());
            node.put("steady_items_per_second", stats.steadyItemsPerSecond());
            node.put("model_seconds", stats.modelNanos() / 1e9);
            node.put("outside_ort_share", stats.outsideOrtShare());
        }
        try {
            OutputPaths.writeAtomically(runDir.resolve(RunManifest.SCORES), Json.PRETTY.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + runDir.resolve(RunManifest.SCORES), e);
        }
        return new RunResult(runDir, manifest, positions.size(), present.size(), score, stats);
    }

    /** Loads a run folder with the benchmark file recorded in its {@code run.json}. */
    public static LoadedRun load(Path runDir) {
        return load(runDir, null);
    }

    /**
     * Loads a run folder for merge and compare. {@code dataFile} replaces the benchmark file path
     * recorded in {@code run.json} (a shard may have run on another machine); its SHA-256 must
     * still match. Null uses the recorded path.
     */
    public static LoadedRun load(Path runDir, Path dataFile) {
        RunManifest manifest = RunManifest.read(runDir);
        if (dataFile == null) {
            dataFile = Path.of(manifest.dataFile());
            if (!java.nio.file.Files.isRegularFile(dataFile)) {
                throw io.magicvl.core.MagicvlException.invalidInput("Run " + runDir + " was made from " + dataFile
                        + ", which does not exist here. Pass --data with the benchmark file's location on this machine.");
            }
        }
        BenchmarkData data = BenchmarkData.load(Bench.parse(manifest.bench()), dataFile);
        if (!data.sha256().equals(manifest.dataSha256())) {
            throw io.magicvl.core.MagicvlException.invalidInput("The benchmark file " + dataFile + " changed since run "
                    + runDir + " was made (sha256 " + data.sha256() + ", run.json has " + manifest.dataSha256() + ").");
        }
        PredictionsFile predictions = PredictionsFile.read(runDir.resolve(RunManifest.PREDICTIONS), data.items().size());
        return new LoadedRun(runDir, manifest, data, predictions);
    }
}
