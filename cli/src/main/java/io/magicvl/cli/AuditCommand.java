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
            "RUN_DIR holds one checkpoint folder per stage, ordered by the stage number in the folder "
                    + "name (stage2-visual) or in trainer_state.json. Reports per stage and component how many "
                    + "tensors changed and by how much, checks the curriculum (stage 1 trains mlp1 only, stage 2 "
                    + "vision + mlp1, stage 3 and later everything; frozen modules must be bit-identical), and "
                    + "flags NaN/Inf, all-zero tensors and dtype or shape changes. Exits with code 1 on a "
                    + "violation.",
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
            spec.commandLine().getOut().println(Json.REPORT.writeValueAsString(report));
        } else {
            spec.commandLine().getOut().print(AuditTable.render(report));
        }
        spec.commandLine().getOut().flush();
        return report.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
