package io.magicvl.validator.score;

import io.magicvl.core.MagicvlException;
import java.util.Locale;

/**
 * The implementation whose rules the scores follow. The two give different numbers on the same
 * predictions (different question sets, routing keys and treatment of missing predictions), so
 * the mode is always chosen explicitly and recorded with every result.
 */
public enum ScoringMode {
    /** The benchmark authors' scripts (MultimodalOCR's OCRBench script, HallusionBench's evaluation.py). */
    OFFICIAL("official"),
    /** VLMEvalKit's {@code OCRBench.evaluate} and {@code ImageYORNDataset.evaluate} in exact-matching mode. */
    VLMEVALKIT("vlmevalkit");

    private final String id;

    ScoringMode(String id) {
        this.id = id;
    }

    /** Returns the name used on the command line and in files. */
    public String id() {
        return id;
    }

    /** Parses {@code official} or {@code vlmevalkit}. */
    public static ScoringMode parse(String value) {
        for (ScoringMode mode : values()) {
            if (mode.id.equals(value.toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw MagicvlException.invalidInput("Unknown scoring mode '" + value + "'. Use official or vlmevalkit.");
    }
}
