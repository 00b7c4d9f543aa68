package io.magicvl.cli;

import io.magicvl.core.Json;
import io.magicvl.runtime.OnnxVisionLanguageModel;
import io.magicvl.runtime.RuntimeOptions;
import io.magicvl.validator.data.Bench;
import io.magicvl.validator.run.MissingImagePolicy;
import io.magicvl.validator.run.ModelFactory;
import io.magicvl.validator.run.RunConfig;
import io.magicvl.validator.run.RunResult;
import io.magicvl.validator.run.RunStats;
import io.magicvl.validator.run.Shard;
import io.magicvl.validator.run.ValidationRun;
import io.magicvl.validator.score.ScoringMode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code magicvl validate}: runs an export folder over a benchmark and scores it. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Runs an export folder over OCRBench or HallusionBench and scores the answers.",
            "Every prediction is appended to RUN_DIR/predictions.jsonl as it is produced; running the same",
            "command again resumes where it stopped. Exit code 0 also when the model scores low: use",
            "magicvl compare for gates."
        })
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EXPORT_DIR", description = "Export folder written by convert or quantize.")
    Path exportDir;

    @Option(names = "--bench", required = true, paramLabel = "NAME", description = "ocrbench or hallusionbench.")
    String bench;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Benchmark file: the official .json or VLMEvalKit's .tsv.")
    Path data;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Image root that the official JSON's image paths are relative to (not needed for .tsv).")
    Path images;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run folder (new, or one to resume).")
    Path out;

    @Option(names = "--mode", defaultValue = "official", paramLabel = "MODE",
            description = "Scoring mode: official or vlmevalkit (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--limit", paramLabel = "N", description = "Run only the first N items of the file.")
    Integer limit;

    @Option(names = "--shard", paramLabel = "i/n|auto",
            description = "Run shard i of n (1-based), or read it from the environment with auto.")
    String shard;

    @Option(names = "--shard-count", paramLabel = "N",
            description = "Shard count for --shard auto under a Kubernetes Indexed Job (else MAGICVL_SHARD_COUNT).")
    Integer shardCount;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Worker threads, each with its own model instance (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--intra-op-threads", paramLabel = "N",
            description = "ONNX Runtime threads per worker; default: all cores with one worker, cores / workers otherwise.")
    Integer intraOpThreads;

    @Option(names = "--max-new-tokens", defaultValue = "" + RunConfig.DEFAULT_MAX_NEW_TOKENS, paramLabel = "TOKENS",
            description = "Maximum number of new tokens per answer (default: ${DEFAULT-VALUE}).")
    int maxNewTokens;

    @Option(names = "--on-missing-image", defaultValue = "fail", paramLabel = "fail|skip",
            description = "Stop before running when an image is missing, or record such items as missing predictions "
                    + "(default: ${DEFAULT-VALUE}).")
    String onMissingImage;

    @Option(names = "--json", description = "Print the scores as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw io.magicvl.core.MagicvlException.invalidInput("--threads must be at least 1, found " + threads + ".");
        }
        if (limit != null && limit < 1) {
            throw io.magicvl.core.MagicvlException.invalidInput("--limit must be at least 1, found " + limit + ".");
        }
        RunConfig config = new RunConfig(exportDir, Bench.parse(bench), data, images, out, limit,
                Shard.parse(shard, shardCount, System.getenv()), threads, ScoringMode.parse(mode), maxNewTokens,
                MissingImagePolicy.parse(onMissingImage));
        RunResult result = new ValidationRun(config, factory()).execute();
        if (!result.complete()) {
            throw new IllegalStateException("The run ended with " + (result.selected() - result.predicted())
                    + " items without a prediction");
        }
        if (json) {
            System.out.println(Json.PRETTY.writeValueAsString(result.score().toJson()));
            return 0;
        }
        System.out.println(ScoreText.format(result.score(), result.predicted()));
        RunStats stats = result.stats();
        if (stats != null && stats.itemsRun() > 0) {
            System.out.println(String.format(Locale.ROOT,
                    "  %d items in %.1f s with %d worker(s) (%.1f s loading the model): %.2f items/s, %.2f items/s "
                            + "once loaded, %.1f %% of worker time outside ONNX Runtime",
                    stats.itemsRun(), stats.wallNanos() / 1e9, stats.threads(), stats.openNanos() / 1e9,
                    stats.itemsPerSecond(), stats.steadyItemsPerSecond(), 100 * stats.outsideOrtShare()));
        }
        System.out.println("Run folder: " + out);
        return 0;
    }

    private ModelFactory factory() {
        int cores = Runtime.getRuntime().availableProcessors();
        int intra;
        if (intraOpThreads != null) {
            intra = intraOpThreads;
        } else if (threads == 1) {
            intra = 0;
        } else {
            intra = Math.max(1, cores / threads);
        }
        RuntimeOptions options = RuntimeOptions.defaults().withIntraOpThreads(intra);
        return () -> OnnxVisionLanguageModel.open(exportDir, options);
    }
}
