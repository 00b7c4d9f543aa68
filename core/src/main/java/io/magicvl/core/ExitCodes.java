package io.magicvl.core;

/**
 * Process exit codes shared by every magicvl command.
 *
 * <p>Scripts and CI systems rely on these values, so they never change meaning: 0 means
 * success, 1 means a check or gate ran and failed, 2 means the input or the command line
 * was invalid. Any other code signals a bug in magicvl.
 */
public final class ExitCodes {
    /** The command did what it was asked and every check passed. */
    public static final int OK = 0;
    /** A check, parity test or gate ran to completion and failed. */
    public static final int CHECK_FAILED = 1;
    /** The command line, a file or a value was invalid; nothing was changed. */
    public static final int INVALID_INPUT = 2;
    /** An unexpected internal error (a bug); the stack trace is printed. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {}
}
