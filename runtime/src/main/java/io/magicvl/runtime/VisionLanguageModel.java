package io.magicvl.runtime;

import java.nio.file.Path;

/**
 * A loaded model that answers questions about images: the contract the validator and the
 * device benchmark run against.
 *
 * <p>Implementations are not thread-safe; open one per worker thread. Closing releases the
 * native sessions.
 */
public interface VisionLanguageModel extends AutoCloseable {

    /**
     * Answers {@code question} about the image at {@code image}, or a text-only question when
     * {@code image} is null, with greedy decoding of at most {@code maxNewTokens} tokens.
     */
    Answer answer(Path image, String question, int maxNewTokens);

    /** Returns the export folder this model was loaded from. */
    Path exportDir();

    @Override
    void close();
}
