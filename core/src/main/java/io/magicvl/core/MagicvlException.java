package io.magicvl.core;

/**
 * An error that magicvl reports to the user with a message and a specific exit code.
 *
 * <p>Messages name the file or value involved and say how to fix it. Use {@link
 * #invalidInput} for bad files, values and arguments (exit code 2) and {@link #checkFailed}
 * when a check or gate ran and failed (exit code 1). Any other exception that reaches the
 * command line is treated as a bug.
 */
public class MagicvlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, which decides the process exit code. */
    public enum Kind {
        /** Invalid input: a file, value or argument; exit code 2. */
        INVALID_INPUT(ExitCodes.INVALID_INPUT),
        /** A check or gate ran and failed; exit code 1. */
        CHECK_FAILED(ExitCodes.CHECK_FAILED);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        /** Returns the process exit code for this kind. */
        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    public MagicvlException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public MagicvlException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** Creates an invalid-input error (exit code 2). */
    public static MagicvlException invalidInput(String message) {
        return new MagicvlException(Kind.INVALID_INPUT, message);
    }

    /** Creates an invalid-input error (exit code 2) caused by {@code cause}. */
    public static MagicvlException invalidInput(String message, Throwable cause) {
        return new MagicvlException(Kind.INVALID_INPUT, message, cause);
    }

    /** Creates a failed-check error (exit code 1). */
    public static MagicvlException checkFailed(String message) {
        return new MagicvlException(Kind.CHECK_FAILED, message);
    }

    public Kind kind() {
        return kind;
    }

    public int exitCode() {
        return kind.exitCode();
    }
}
