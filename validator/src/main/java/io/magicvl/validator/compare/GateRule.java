package io.magicvl.validator.compare;

import io.magicvl.core.MagicvlException;

/** How a gate decides from the drop (baseline minus candidate) and its interval. */
public enum GateRule {
    /** Fail when the upper bound of the drop's interval exceeds the tolerance: the drop must be shown small. */
    UPPER_BOUND("upper_bound"),
    /** Fail when the point estimate of the drop exceeds the tolerance. */
    POINT("point");

    private final String id;

    GateRule(String id) {
        this.id = id;
    }

    /** Returns the name used in recipes. */
    public String id() {
        return id;
    }

    static GateRule parse(String value, String where) {
        for (GateRule rule : values()) {
            if (rule.id.equals(value)) {
                return rule;
            }
        }
        throw MagicvlException.invalidInput(where + ": unknown rule '" + value + "'; use upper_bound or point.");
    }
}
