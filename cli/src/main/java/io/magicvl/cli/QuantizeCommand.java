package io.magicvl.cli;

import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.recipe.Recipe;
import io.magicvl.quantizer.ExportQuantizer;
import io.magicvl.quantizer.recipe.QuantizeRecipe;
import io.magicvl.quantizer.report.QuantizeReport;
import io.magicvl.quantizer.report.ReportTable;
import io.magicvl.quantizer.sensitivity.SensitivityReport;
import io.magicvl.quantizer.sensitivity.SensitivityTable;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code magicvl quantize}: quantizes an export folder per component as the recipe's quantize section specifies. */
@Command(
        name = "quantize",
        mixinStandardHelpOptions = true,
        description = {
            "Quantizes an export folder as the recipe's quantize section says.",
            "Schemes per component: fp16, int8-weight, int8-static, int4-weight, with overrides by weight name."
                    + " The new export folder's manifest records each weight's scheme and error and each"
                    + " component's output error.",
            "With --sensitivity it writes no export: it ranks layer groups by the output error each causes alone"
                    + " and, with --error-budget, writes recipe overrides that meet the budget."
        })
final class QuantizeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EXPORT_DIR", description = "Float export folder written by convert.")
    Path exportDir;

    @Option(names = "--recipe", required = true, paramLabel = "FILE", description = "Recipe YAML with a quantize section.")
    Path recipe;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder to write: the quantized export, or with --sensitivity the analysis.")
    Path out;

    @Option(names = "--force", description = "Replace DIR if it exists.")
    boolean force;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime intra-op threads (default: ${DEFAULT-VALUE}).")
    int threads = 2;

    @Option(names = "--no-error",
            description = "Skip measuring each component's output error against the float export; memory then stays"
                    + " bounded by the weight slices (the float graphs are never loaded), and the manifest's error"
                    + " entries are null.")
    boolean noError;

    @Option(names = "--sensitivity", description = "Rank layer groups by output error instead of writing an export.")
    boolean sensitivity;

    @Option(names = "--error-budget", paramLabel = "X",
            description = "With --sensitivity: the largest allowed component error (KL divergence in nats for the"
                    + " decoder, 1 - cosine for vision and embed); keeps groups at a higher precision until it is met.")
    Double errorBudget;

    @Option(names = "--per-weight", description = "With --sensitivity: one group per weight instead of per layer.")
    boolean perWeight;

    @Override
    public Integer call() throws Exception {
        if (!sensitivity && (errorBudget != null || perWeight)) {
            throw MagicvlException.invalidInput("--error-budget and --per-weight need --sensitivity");
        }
        if (errorBudget != null && !(errorBudget >= 0)) {
            throw MagicvlException.invalidInput("--error-budget must be 0 or more, got " + errorBudget);
        }
        if (threads < 1) {
            throw MagicvlException.invalidInput("--threads must be at least 1, got " + threads);
        }
        if (threads > io.magicvl.runtime.RuntimeOptions.MAX_THREADS) {
            throw MagicvlException.invalidInput("--threads must be at most "
                    + io.magicvl.runtime.RuntimeOptions.MAX_THREADS + ", got " + threads + ". Give the number of cores.");
        }
        QuantizeRecipe loaded = QuantizeRecipe.of(Recipe.load(recipe));
        if (sensitivity && noError) {
            throw MagicvlException.invalidInput("--no-error cannot be combined with --sensitivity, which measures errors");
        }
        ExportQuantizer quantizer = new ExportQuantizer(loaded.plan(), threads, !noError);
        if (sensitivity) {
            List<SensitivityReport> reports = quantizer.sensitivity(exportDir, out, errorBudget, perWeight, force);
            System.out.println(json ? Json.PRETTY.writeValueAsString(reports) : SensitivityTable.format(reports, out));
            boolean missed = reports.stream().anyMatch(r -> Boolean.FALSE.equals(r.budgetMet()));
            return missed ? 1 : 0;
        }
        QuantizeReport report = quantizer.quantize(exportDir, out, force,
                new ExportQuantizer.RecipeInfo(loaded.name(), loaded.sha256()));
        System.out.print(json ? Json.PRETTY.writeValueAsString(report) + System.lineSeparator() : ReportTable.format(report));
        return 0;
    }
}
