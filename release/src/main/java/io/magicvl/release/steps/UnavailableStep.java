package io.magicvl.release.steps;

import io.magicvl.release.pipeline.InputsHash;
import io.magicvl.release.pipeline.ReleaseStep;
import io.magicvl.release.pipeline.StepContext;
import io.magicvl.release.pipeline.StepResult;
import io.magicvl.release.pipeline.StepStatus;
import java.util.List;
import java.util.Map;

/**
 * A step whose pipeline module this build does not contain. It always fails as
 * {@link StepStatus#UNAVAILABLE}, so a release never reports success for work it did not do.
 */
public final class UnavailableStep implements ReleaseStep {
    private final String name;
    private final String module;

    public UnavailableStep(String name, String module) {
        this.name = name;
        this.module = module;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String inputsHash(StepContext context) {
        return new InputsHash(name).text("module", module).sha256();
    }

    @Override
    public StepResult run(StepContext context) {
        return new StepResult(StepStatus.UNAVAILABLE, "not available in this build: the " + module
                + " module does not provide this step yet", List.of(), null, Map.of());
    }
}
