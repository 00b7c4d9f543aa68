package io.magicvl.cli;

import io.magicvl.core.Json;
import io.magicvl.validator.run.RunMerger;
import io.magicvl.validator.run.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code magicvl merge}: combines the run folders of the shards of one validation run. */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description = {
            "Combines the run folders of all shards of one validation run into one run folder.",
            "Rejects shards of different benchmark files, export folders, modes or limits, a shard given",
            "twice or missing, overlapping items and incomplete shards."
        })
final class MergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders of the shards.")
    List<Path> runs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Merged run folder to write.")
    Path out;

    @Option(names = "--data", paramLabel = "FILE", description = "The benchmark file, when it is not at the path "
            + "recorded in the runs (its SHA-256 must match).")
    Path data;

    @Option(names = "--force", description = "Replace --out if it exists.")
    boolean force;

    @Option(names = "--json", description = "Print the merged score as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RunResult merged = RunMerger.merge(runs, out, force, data);
        if (json) {
            System.out.println(Json.PRETTY.writeValueAsString(merged.score().toJson()));
        } else {
            System.out.println("Merged " + runs.size() + " shards into " + out);
            System.out.println(ScoreText.format(merged.score(), merged.predicted()));
        }
        return 0;
    }
}
