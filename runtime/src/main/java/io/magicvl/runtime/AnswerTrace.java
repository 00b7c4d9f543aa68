package io.magicvl.runtime;

import io.magicvl.runtime.preprocess.PreprocessedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Intermediate tensors of one answer, filled in when passed to
 * {@link OnnxVisionLanguageModel#answer(java.nio.file.Path, String, int, AnswerTrace)}: for
 * {@code magicvl run --dump} and for parity tests.
 */
public final class AnswerTrace {
    private final boolean keepStepLogits;
    PreprocessedImage image;
    float[] tileTokens;
    float[] imageTokens;
    long[] promptIds;
    float[] firstLogits;
    final List<float[]> stepLogits = new ArrayList<>();
    int hiddenSize;

    /** Creates a trace; with {@code keepStepLogits} it also keeps the logits of every decode step. */
    public AnswerTrace(boolean keepStepLogits) {
        this.keepStepLogits = keepStepLogits;
    }

    boolean keepStepLogits() {
        return keepStepLogits;
    }

    /** Returns the preprocessed image, or null for a text-only question. */
    public PreprocessedImage image() {
        return image;
    }

    /** Returns the vision output of every tile, {@code [tiles, tokensPerTile, hidden]}, or null. */
    public float[] tileTokens() {
        return tileTokens;
    }

    /** Returns the visual tokens in prompt order, {@code [visualTokens, hidden]}, or null. */
    public float[] imageTokens() {
        return imageTokens;
    }

    public long[] promptIds() {
        return promptIds;
    }

    /** Returns the logits at the last prompt position, {@code [vocab]}. */
    public float[] firstLogits() {
        return firstLogits;
    }

    /** Returns the logits of each decode step, when kept. */
    public List<float[]> stepLogits() {
        return stepLogits;
    }

    public int hiddenSize() {
        return hiddenSize;
    }
}
