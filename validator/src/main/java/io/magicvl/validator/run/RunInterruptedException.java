package io.magicvl.validator.run;

/** Thrown when a run stops because its thread was interrupted; the run folder can be resumed. */
public class RunInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunInterruptedException(String message) {
        super(message);
    }
}
