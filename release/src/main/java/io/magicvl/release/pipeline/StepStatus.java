package io.magicvl.release.pipeline;

/** State of one release step. */
public enum StepStatus {
    /** The step ran and every check and gate passed. */
    PASSED,
    /** The step ran and a check or gate failed; the release stopped here. */
    FAILED,
    /** Not run because an earlier step stopped the release. */
    NOT_RUN;

    /** Returns the lowercase name written to reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
