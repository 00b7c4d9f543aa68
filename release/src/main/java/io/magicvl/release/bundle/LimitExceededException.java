package io.magicvl.release.bundle;

import java.io.IOException;

/** Raised inside a stream when decompressed bytes pass an {@link ExtractionLimits} bound. */
final class LimitExceededException extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceededException(String message) {
        super(message);
    }
}
