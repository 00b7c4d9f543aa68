package io.magicvl.release.steps;

import io.magicvl.quantizer.ExportQuantizer;
import io.magicvl.quantizer.recipe.QuantizeRecipe;
import io.magicvl.quantizer.report.QuantizeReport;
import io.magicvl.quantizer.report.ReportTable;
import io.magicvl.release.pipeline.InputsHash;
import io.magicvl.release.pipeline.ReleaseStep;
import io.magicvl.release.pipeline.StepContext;
import io.magicvl.release.pipeline.StepResult;
import java.nio.file.Path;
import java.util.Map;

/**
 * Quantizes the converted export as the recipe's {@code quantize} section says
 * ({@code magicvl quantize}); the result in {@code export/} is the release candidate.
 */
public final class QuantizeStep implements ReleaseStep {
    /** ONNX Runtime threads for calibration and error measurement. */
    private static final int THREADS = 2;

    @Override
    public String name() {
        return "quantize";
    }

    @Override
    public String inputsHash(StepContext context) {
        return new InputsHash(name())
                .json("quantize", context.recipe().section("quantize"))
                .text("recipe", context.recipe().sha256())
                .step(context.record("convert"))
                .sha256();
    }

    @Override
    public StepResult run(StepContext context) throws Exception {
        QuantizeRecipe recipe = QuantizeRecipe.of(context.recipe().recipe());
        Path source = context.dirOf("convert").resolve(ConvertStep.EXPORT);
        Path out = context.stepDir().resolve(ConvertStep.EXPORT);
        QuantizeReport report = new ExportQuantizer(recipe.plan(), THREADS)
                .quantize(source, out, false, new ExportQuantizer.RecipeInfo(recipe.name(), recipe.sha256()));
        StepFiles.writeTextPage(context.stepDir().resolve("quantize.html"), "Quantization", ReportTable.format(report));
        StepFiles.writeJson(context.stepDir().resolve("quantize.json"), report);
        return StepResult.passed("quantized " + report.components().size() + " component(s), "
                + report.weights().size() + " weight(s)", "quantize.html", Map.of("components", report.components().size()));
    }
}
