package io.magicvl.release.pipeline;

import java.util.List;
import java.util.Map;

/**
 * The result a step returns after running.
 *
 * @param status passed or failed
 * @param message one line for the summary report: what was done, or why it failed
 * @param gates the gates the step evaluated, in recipe order
 * @param report the step's own report, relative to its step folder, or null
 * @param summary small facts for the summary report and the manifest (JSON-ready values)
 */
public record StepResult(StepStatus status, String message, List<Gate> gates, String report, Map<String, Object> summary) {
    /** Copies the lists. */
    public StepResult {
        gates = List.copyOf(gates);
        summary = Map.copyOf(summary);
    }

    /** Creates the result of a passed step without gates. */
    public static StepResult passed(String message, String report, Map<String, Object> summary) {
        return new StepResult(StepStatus.PASSED, message, List.of(), report, summary);
    }

    /** Creates a result whose status follows its gates: passed only when every gate passed. */
    public static StepResult gated(String message, List<Gate> gates, String report, Map<String, Object> summary) {
        boolean passed = gates.stream().allMatch(Gate::passed);
        return new StepResult(passed ? StepStatus.PASSED : StepStatus.FAILED, message, gates, report, summary);
    }

    /** Creates the result of a failed step. */
    public static StepResult failed(String message) {
        return new StepResult(StepStatus.FAILED, message, List.of(), null, Map.of());
    }
}
