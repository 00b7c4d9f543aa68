package io.magicvl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.validator.data.Bench;
import io.magicvl.validator.data.BenchmarkData;
import io.magicvl.validator.score.BenchScore;
import io.magicvl.validator.score.PredictionsFile;
import io.magicvl.validator.score.ScoringMode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code magicvl score}: scores a predictions file from any model against a benchmark file. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Scores predictions from any model on OCRBench or HallusionBench.",
            "Each line of the predictions file is {\"pos\": <0-based item index>, \"prediction\": \"<text>\"};",
            "an item without a line is a missing prediction, treated as the chosen mode treats it."
        })
final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--bench", required = true, paramLabel = "NAME", description = "ocrbench or hallusionbench.")
    String bench;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Benchmark file: the official .json or VLMEvalKit's .tsv.")
    Path data;

    @Option(names = "--predictions", required = true, paramLabel = "FILE", description = "Predictions, JSON lines.")
    Path predictions;

    @Option(names = "--mode", required = true, paramLabel = "MODE",
            description = "official (the benchmark authors' scripts) or vlmevalkit.")
    String mode;

    @Option(names = "--json", description = "Print one JSON object: metrics and per-item correctness.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ScoringMode scoringMode = ScoringMode.parse(mode);
        BenchmarkData benchmark = BenchmarkData.load(Bench.parse(bench), data);
        PredictionsFile file = PredictionsFile.read(predictions, benchmark.items().size());
        if (file.tornTail()) {
            // A crashed run's cut-off line is dropped on resume, but a file given to score is
            // meant to be complete, so an unparsable last line is an input error here.
            throw MagicvlException.invalidInput("The last line of " + predictions + " is not a JSON object. Each line"
                    + " must be {\"pos\": N, \"prediction\": \"...\"} followed by a newline (JSON lines, not one"
                    + " JSON array).");
        }
        BenchScore score = BenchScore.score(benchmark, file.predictions(), file.judgeLabels(), scoringMode);
        ObjectNode result = score.toJson();
        result.put("predictions_file", predictions.toString());
        result.put("prediction_lines", file.lines().size());
        if (json) {
            System.out.println(Json.PRETTY.writeValueAsString(result));
            return 0;
        }
        System.out.println(ScoreText.format(score, file.lines().size()));
        return 0;
    }
}
