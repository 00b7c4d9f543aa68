package io.magicvl.validator.run;

import io.magicvl.runtime.VisionLanguageModel;

/**
 * Opens a model instance. A run calls it once per worker thread, because model instances are
 * not thread-safe.
 */
@FunctionalInterface
public interface ModelFactory {
    /** Opens a new model; the caller closes it. */
    VisionLanguageModel open();
}
