package io.magicvl.validator.run;

import io.magicvl.core.MagicvlException;

/** What a run does with an item whose image file is missing. */
public enum MissingImagePolicy {
    /** Record the item as missing (scored as a missing prediction) and go on. */
    SKIP,
    /** Stop before running any item. */
    FAIL;

    /** Parses {@code skip} or {@code fail}. */
    public static MissingImagePolicy parse(String value) {
        return switch (value) {
            case "skip" -> SKIP;
            case "fail" -> FAIL;
            default -> throw MagicvlException.invalidInput("Invalid --on-missing-image '" + value + "': use skip or fail.");
        };
    }
}
