package io.magicvl.release.steps;

import io.magicvl.core.Json;
import io.magicvl.release.bundle.BundleVerifier;
import io.magicvl.release.bundle.VerificationReport;
import io.magicvl.release.pipeline.InputsHash;
import io.magicvl.release.pipeline.ReleaseSettings;
import io.magicvl.release.pipeline.ReleaseStep;
import io.magicvl.release.pipeline.StepContext;
import io.magicvl.release.pipeline.StepResult;
import io.magicvl.release.pipeline.StepStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Verifies the packed bundle as a receiver would ({@code magicvl verify}) and, when it is
 * intact, publishes it as {@code OUT/<bundle>}.
 */
public final class VerifyStep implements ReleaseStep {
    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String inputsHash(StepContext context) {
        return new InputsHash(name()).step(context.record("pack")).sha256();
    }

    /** Checks that the published bundle is still the packed one. */
    @Override
    public boolean outsideOutputsIntact(StepContext context) throws IOException {
        String bundleName = ReleaseSettings.of(context.recipe()).bundleName(context.recipe());
        Path published = context.outDir().resolve(bundleName);
        return Files.isRegularFile(published)
                && Files.mismatch(published, context.dirOf("pack").resolve(bundleName)) == -1L;
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        ReleaseSettings settings = ReleaseSettings.of(context.recipe());
        String bundleName = settings.bundleName(context.recipe());
        Path bundle = context.dirOf("pack").resolve(bundleName);
        VerificationReport report = BundleVerifier.verifyBundle(bundle, settings.limits());
        Files.write(context.stepDir().resolve("verify.json"), Json.PRETTY.writeValueAsBytes(report.toJson()));
        if (!report.ok()) {
            return new StepResult(StepStatus.FAILED, report.problems().size() + " problem(s), first: "
                    + report.problems().get(0), List.of(), "verify.json", Map.of("problems", report.problems().size()));
        }
        Path published = context.outDir().resolve(bundleName);
        Path temporary = context.outDir().resolve("." + bundleName + ".tmp");
        Files.copy(bundle, temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temporary, published, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return StepResult.passed(report.filesChecked() + " files match the manifest; bundle published as "
                + bundleName, "verify.json", Map.of("files_checked", report.filesChecked(), "bundle", bundleName));
    }
}
