package io.magicvl.cli;

import io.magicvl.core.ExitCodes;
import io.magicvl.core.Json;
import io.magicvl.core.audit.AuditReport;
import io.magicvl.core.audit.AuditTable;
import io.magicvl.core.audit.RunAuditor;
import io.magicvl.core.recipe.AuditSection;
import io.magicvl.core.recipe.Recipe;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magicvl audit}: which modules each training stage changed, checked against the curriculum. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {
            "Checks which modules each training stage changed against the curriculum.",
            "Audits a training run (one checkpoint folder per stage, ordered by the stage number in the",
            "folder name or trainer_state.json): tensors changed per stage and component, curriculum",
            "rules (stage 1 trains mlp1 only, stage 2 vision + mlp1, stage 3+ everything; frozen modules",
            "must be bit-identical), NaN/Inf, all-zero tensors, dtype and shape changes.",
            "Exits with code 1 when a rule is violated."
        })
public final class AuditCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "Training run folder with one sub-folder per stage.")
    private Path run;

    @Option(names = "--recipe", paramLabel = "FILE", description = "Recipe whose audit section overrides the rules.")
    private Path recipe;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        AuditSection section = recipe == null ? null : Recipe.load(recipe).section("audit", AuditSection.class);
        AuditReport report = new RunAuditor(section).audit(run);
        if (json) {
            spec.commandLine().getOut().println(Json.PRETTY.writeValueAsString(report));
        } else {
            spec.commandLine().getOut().print(AuditTable.render(report));
        }
        spec.commandLine().getOut().flush();
        return report.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
