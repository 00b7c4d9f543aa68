package io.magicvl.validator.data;

import io.magicvl.core.MagicvlException;
import java.util.Locale;

/** The benchmarks the validator runs and scores. */
public enum Bench {
    OCRBENCH("ocrbench"),
    HALLUSIONBENCH("hallusionbench");

    private final String id;

    Bench(String id) {
        this.id = id;
    }

    /** Returns the name used on the command line, in run folders and in gate keys. */
    public String id() {
        return id;
    }

    /** Parses a command-line name such as {@code ocrbench}. */
    public static Bench parse(String value) {
        for (Bench bench : values()) {
            if (bench.id.equals(value.toLowerCase(Locale.ROOT))) {
                return bench;
            }
        }
        throw MagicvlException.invalidInput(
                "Unknown benchmark '" + value + "'. Use ocrbench or hallusionbench.");
    }
}
