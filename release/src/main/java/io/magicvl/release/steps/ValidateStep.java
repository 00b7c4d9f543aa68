package io.magicvl.release.steps;

import io.magicvl.core.MagicvlException;
import io.magicvl.release.pipeline.InputsHash;
import io.magicvl.release.pipeline.RecipeFile;
import io.magicvl.release.pipeline.ReleaseStep;
import io.magicvl.release.pipeline.StepContext;
import io.magicvl.release.pipeline.StepResult;
import io.magicvl.release.pipeline.StepStatus;
import io.magicvl.runtime.OnnxVisionLanguageModel;
import io.magicvl.runtime.RuntimeOptions;
import io.magicvl.validator.data.Bench;
import io.magicvl.validator.run.MissingImagePolicy;
import io.magicvl.validator.run.RunConfig;
import io.magicvl.validator.run.RunResult;
import io.magicvl.validator.run.Shard;
import io.magicvl.validator.run.ValidationRun;
import io.magicvl.validator.score.ScoringMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every benchmark set of the recipe's {@code validate} section on the candidate (the
 * quantized export) and on the baseline ({@code magicvl validate}), keeping every prediction
 * in {@code candidate/<bench>/} and {@code baseline/<bench>/}.
 */
public final class ValidateStep implements ReleaseStep {
    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String inputsHash(StepContext context) {
        ValidateSection section = section(context);
        InputsHash hash = new InputsHash(name())
                .json("validate", context.recipe().section("validate"))
                .step(context.record("quantize"))
                .text("baseline", Baselines.describe(context));
        if (Baselines.isConverted(context)) {
            hash.step(context.record("convert"));
        } else {
            hash.content("baseline-export", Baselines.export(context));
        }
        for (ValidateSection.Benchmark benchmark : section.benchmarks()) {
            hash.content("data:" + benchmark.bench(), context.recipe().resolve(benchmark.data()));
            if (benchmark.images() != null) {
                hash.content("images:" + benchmark.bench(), context.recipe().resolve(benchmark.images()));
            }
        }
        return hash.sha256();
    }

    @Override
    public StepResult run(StepContext context) {
        ValidateSection section = section(context);
        Path candidate = context.dirOf("quantize").resolve(ConvertStep.EXPORT);
        Path baseline = Baselines.export(context);
        Map<String, Object> summary = new LinkedHashMap<>();
        List<String> incomplete = new ArrayList<>();
        for (ValidateSection.Benchmark benchmark : section.benchmarks()) {
            Map<String, Object> scores = new LinkedHashMap<>();
            for (String side : List.of("candidate", "baseline")) {
                Path export = side.equals("candidate") ? candidate : baseline;
                RunResult result = runOne(context, section, benchmark, export, context.stepDir().resolve(side).resolve(benchmark.bench()));
                if (!result.complete()) {
                    incomplete.add(side + " " + benchmark.bench());
                }
                scores.put(side, result.score().metrics());
            }
            summary.put(benchmark.bench(), scores);
        }
        StepFiles.writeJsonQuietly(context.stepDir().resolve("validate.json"), summary);
        StepFiles.writeTextPageQuietly(context.stepDir().resolve("validate.html"), "Validation scores",
                StepFiles.prettyJson(summary));
        if (!incomplete.isEmpty()) {
            return new StepResult(StepStatus.FAILED, "incomplete runs: " + String.join(", ", incomplete), List.of(),
                    "validate.html", Map.of());
        }
        return StepResult.passed(section.benchmarks().size() + " benchmark set(s) run on candidate and baseline"
                + (section.limit() == null ? "" : " (first " + section.limit() + " items each)"), "validate.html", summary);
    }

    private static RunResult runOne(StepContext context, ValidateSection section, ValidateSection.Benchmark benchmark,
            Path export, Path out) {
        Path data = context.recipe().resolve(benchmark.data());
        Path images = benchmark.images() == null ? null : context.recipe().resolve(benchmark.images());
        RunConfig config = new RunConfig(export, Bench.parse(benchmark.bench()), data, images, out, section.limit(),
                Shard.all(), section.threads(), ScoringMode.parse(section.mode()), section.maxNewTokens(),
                MissingImagePolicy.FAIL);
        RuntimeOptions options = RuntimeOptions.defaults().withIntraOpThreads(1);
        return new ValidationRun(config, () -> OnnxVisionLanguageModel.open(export, options)).execute();
    }

    static ValidateSection section(StepContext context) {
        return section(context.recipe());
    }

    /** Reads and checks the recipe's validate section: present, with existing benchmark files. */
    static ValidateSection section(RecipeFile recipe) {
        ValidateSection section = recipe.section("validate", ValidateSection.class);
        if (section == null || section.benchmarks().isEmpty()) {
            throw MagicvlException.invalidInput("Recipe " + recipe.path()
                    + " has no validate.benchmarks; list the benchmark sets to run (see docs/recipes.md)");
        }
        for (int i = 0; i < section.benchmarks().size(); i++) {
            ValidateSection.Benchmark benchmark = section.benchmarks().get(i);
            Path data = recipe.resolve(benchmark.data());
            if (!Files.isRegularFile(data)) {
                throw recipe.recipe().invalid("validate.benchmarks[" + i + "].data", "benchmark file not found: "
                        + data + ". Put the " + benchmark.bench() + " files there or change the path in the recipe.");
            }
            if (benchmark.images() != null && !Files.isDirectory(recipe.resolve(benchmark.images()))) {
                throw recipe.recipe().invalid("validate.benchmarks[" + i + "].images", "image folder not found: "
                        + recipe.resolve(benchmark.images()) + ".");
            }
        }
        return section;
    }
}
