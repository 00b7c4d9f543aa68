package io.magicvl.release.steps;

import io.magicvl.core.audit.AuditReport;
import io.magicvl.core.audit.AuditTable;
import io.magicvl.core.audit.RunAuditor;
import io.magicvl.core.recipe.AuditSection;
import io.magicvl.release.pipeline.CheckpointLocator;
import io.magicvl.release.pipeline.InputsHash;
import io.magicvl.release.pipeline.ReleaseStep;
import io.magicvl.release.pipeline.StepContext;
import io.magicvl.release.pipeline.StepResult;
import io.magicvl.release.pipeline.StepStatus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Audits the training run the checkpoint comes from ({@code magicvl audit}): frozen modules
 * unchanged between stages, no NaN, infinity or all-zero tensors. A violation fails the step.
 */
public final class AuditStep implements ReleaseStep {
    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String inputsHash(StepContext context) {
        return new InputsHash(name())
                .json("audit", context.recipe().section("audit"))
                .content("run", runOf(context))
                .sha256();
    }

    @Override
    public StepResult run(StepContext context) throws Exception {
        Path run = runOf(context);
        AuditSection section = context.recipe().section("audit", AuditSection.class);
        AuditReport report = new RunAuditor(section).audit(run);
        StepFiles.writeJson(context.stepDir().resolve("audit.json"), report);
        StepFiles.writeTextPage(context.stepDir().resolve("audit.html"), "Audit of " + run.getFileName(),
                AuditTable.render(report));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("run", run.getFileName().toString());
        summary.put("stages", report.stages().size());
        summary.put("violations", report.violations().size());
        summary.put("warnings", report.warnings().size());
        if (!report.passed()) {
            AuditReport.Finding first = report.violations().get(0);
            return new StepResult(StepStatus.FAILED, report.violations().size() + " violation(s); first: " + first.stage()
                    + (first.tensor() == null ? "" : " " + first.tensor()) + ": " + first.message(), List.of(),
                    "audit.html", summary);
        }
        return StepResult.passed(report.stages().size() + " stage(s), no violation, " + report.warnings().size()
                + " warning(s)", "audit.html", summary);
    }

    /** Returns the training run folder that holds the released checkpoint. */
    static Path runOf(StepContext context) {
        return CheckpointLocator.runOf(context.checkpoint());
    }
}
