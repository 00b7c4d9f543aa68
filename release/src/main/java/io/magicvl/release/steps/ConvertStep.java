package io.magicvl.release.steps;

import io.magicvl.converter.ConvertOptions;
import io.magicvl.converter.Converter;
import io.magicvl.converter.parity.ParityRow;
import io.magicvl.converter.parity.ParityTable;
import io.magicvl.release.pipeline.InputsHash;
import io.magicvl.release.pipeline.ReleaseStep;
import io.magicvl.release.pipeline.StepContext;
import io.magicvl.release.pipeline.StepResult;
import io.magicvl.release.pipeline.StepStatus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts the checkpoint to an fp32 (or the recipe's precision) export folder in
 * {@code export/} ({@code magicvl convert}) and checks parity against the Java reference.
 * Failed parity fails the step; the folder is kept as {@code export.parity-failed}.
 */
public final class ConvertStep implements ReleaseStep {
    /** Folder of the export inside this step's folder. */
    public static final String EXPORT = "export";

    @Override
    public String name() {
        return "convert";
    }

    @Override
    public String inputsHash(StepContext context) {
        // The converter writes the recipe's hash into every graph, so the whole recipe is an input.
        return new InputsHash(name())
                .text("recipe", context.recipe().sha256())
                .content("checkpoint", context.checkpoint())
                .sha256();
    }

    @Override
    public StepResult run(StepContext context) throws Exception {
        Path out = context.stepDir().resolve(EXPORT);
        Converter.Result result = Converter.convert(
                new ConvertOptions(context.checkpoint(), out, null, context.recipe().path(), null, false));
        String table = result.parity().isEmpty() ? "Parity: off"
                : ParityTable.format(result.parity(), result.precision(), result.thresholds());
        StepFiles.writeTextPage(context.stepDir().resolve("parity.html"), "Conversion parity", table);
        StepFiles.writeJson(context.stepDir().resolve("parity.json"), result.parity());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("precision", result.precision());
        summary.put("parity_mode", result.mode().name().toLowerCase(Locale.ROOT));
        summary.put("parity_rows", result.parity().size());
        summary.put("files", result.manifest().files().size());
        if (!result.passed()) {
            List<String> failed = result.parity().stream().filter(row -> !row.passed())
                    .map(row -> row.component() + " " + row.check()).toList();
            return new StepResult(StepStatus.FAILED, "parity failed for " + String.join(", ", failed)
                    + "; the export was kept in " + result.folder(), List.of(), "parity.html", summary);
        }
        long checks = result.parity().stream().filter(ParityRow::passed).count();
        return StepResult.passed(String.format(Locale.ROOT, "%s export, %d parity checks passed (%s mode)",
                result.precision(), checks, summary.get("parity_mode")), "parity.html", summary);
    }
}
