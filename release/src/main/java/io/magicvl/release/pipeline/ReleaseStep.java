package io.magicvl.release.pipeline;

/**
 * One step of {@code magicvl release}. A step reads the outputs of earlier steps through the
 * {@link StepContext}, writes everything into its own step folder, and returns its result.
 *
 * <p>{@link #inputsHash} decides whether a finished step can be reused by {@code --resume}: it
 * must change whenever anything the step reads changes (its recipe section, files it reads,
 * outputs of earlier steps), and must not depend on times or absolute paths.
 */
public interface ReleaseStep {
    /** Returns the step's name, used in folder names, logs and reports, for example {@code convert}. */
    String name();

    /** Returns the SHA-256 of everything the step reads; see the class comment. */
    String inputsHash(StepContext context) throws Exception;

    /**
     * Returns whether outputs the step wrote outside its own folder are still in place, so
     * {@code --resume} may reuse it; the runner checks the files inside the folder itself.
     */
    default boolean outsideOutputsIntact(StepContext context) throws Exception {
        return true;
    }

    /**
     * Runs the step. A check or gate that fails is returned as a failed result; exceptions
     * are for invalid input and bugs.
     */
    StepResult run(StepContext context) throws Exception;
}
