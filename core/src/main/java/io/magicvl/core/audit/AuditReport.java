package io.magicvl.core.audit;

import io.magicvl.core.model.Component;
import java.util.List;
import java.util.Map;

/**
 * The outcome of auditing a training run.
 *
 * @param run the run folder
 * @param stages one entry per stage, lowest number first
 * @param violations findings that fail the audit
 * @param warnings findings worth a look that do not fail it
 */
public record AuditReport(String run, List<StageReport> stages, List<Finding> violations, List<Finding> warnings) {
    public AuditReport {
        stages = List.copyOf(stages);
        violations = List.copyOf(violations);
        warnings = List.copyOf(warnings);
    }

    /** Returns true if there is no violation. */
    public boolean passed() {
        return violations.isEmpty();
    }

    /**
     * One stage's changes per component.
     *
     * @param number stage number
     * @param name folder name
     * @param folder checkpoint folder
     * @param comparedWith folder name of the previous stage, or null for the first stage
     * @param declaredTrainable modules trainer_state.json lists as trained
     * @param allowed components the curriculum lets this stage change, or null when no rule applies
     * @param components changes per component, in component order
     */
    public record StageReport(
            int number,
            String name,
            String folder,
            String comparedWith,
            List<String> declaredTrainable,
            List<Component> allowed,
            Map<Component, ComponentChange> components) {}

    /**
     * Changes of one component between a stage and the previous one.
     *
     * @param tensors tensors of the component in the stage
     * @param changed tensors whose bytes differ from the previous stage
     * @param changedParameters elements of the changed tensors
     * @param maxAbsDiff largest absolute element difference over the changed tensors
     */
    public record ComponentChange(int tensors, int changed, long changedParameters, double maxAbsDiff) {}

    /**
     * A violation or warning, naming the stage and the tensor.
     *
     * @param stage stage folder name
     * @param tensor tensor name, or null for stage-wide findings
     * @param kind short machine-readable kind, for example {@code frozen-changed} or {@code nan}
     * @param message what was found and what it means
     */
    public record Finding(String stage, String tensor, String kind, String message) {}
}
