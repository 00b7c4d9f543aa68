package io.magicvl.validator.run;

import io.magicvl.core.MagicvlException;
import io.magicvl.validator.data.BenchItem;
import io.magicvl.validator.data.BenchmarkData;
import io.magicvl.validator.score.BenchScore;
import io.magicvl.validator.score.PredictionsFile;
import io.magicvl.validator.score.ScoringMode;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** A run folder read back: its manifest, the benchmark file it ran and its predictions. */
public record LoadedRun(Path runDir, RunManifest manifest, BenchmarkData data, PredictionsFile predictions) {

    /** Returns the positions the run selected (its limit and shard). */
    public Set<Integer> selectedPositions() {
        int limit = manifest.limit() == null ? data.items().size() : Math.min(manifest.limit(), data.items().size());
        Shard shard = manifest.shard() == null ? Shard.all() : manifest.shard();
        Set<Integer> positions = new TreeSet<>();
        for (int k = 0; k < limit; k++) {
            if (shard.contains(k)) {
                positions.add(((BenchItem) data.items().get(k)).pos());
            }
        }
        return positions;
    }

    /** Returns the selected positions that have no prediction line yet. */
    public Set<Integer> missingPositions() {
        Set<Integer> missing = new TreeSet<>(selectedPositions());
        missing.removeAll(predictions.lines().keySet());
        return missing;
    }

    /** Scores the selected items in the run's mode; rejects an incomplete run. */
    public BenchScore score() {
        Set<Integer> missing = missingPositions();
        if (!missing.isEmpty()) {
            throw MagicvlException.invalidInput("Run " + runDir + " is incomplete: " + missing.size()
                    + " selected items have no prediction (first pos " + missing.iterator().next()
                    + "). Run magicvl validate again with the same --out to finish it.");
        }
        return BenchScore.score(data.subset(selectedPositions()), predictions.predictions(), predictions.judgeLabels(),
                ScoringMode.parse(manifest.mode()));
    }
}
