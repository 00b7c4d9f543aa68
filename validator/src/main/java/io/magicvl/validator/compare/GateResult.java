package io.magicvl.validator.compare;

/**
 * The outcome of one gate.
 *
 * @param drop the drop (baseline minus candidate) with its interval, or null when skipped
 * @param skipped why the gate did not apply (another benchmark), or null
 */
public record GateResult(CompareSettings.Gate gate, String unit, Interval drop, boolean passed, String skipped) {

    /** Returns one line stating the threshold, the value, the interval and the outcome. */
    public String message() {
        if (skipped != null) {
            return gate.key() + ": skipped (" + skipped + ")";
        }
        return String.format(java.util.Locale.ROOT,
                "%s: drop %.4f %s, %d%% interval [%.4f, %.4f], max_drop %s (rule %s): %s",
                gate.key(), drop.delta(), unit, Math.round(drop.confidence() * 100), drop.lower(), drop.upper(),
                trim(gate.maxDrop()), gate.rule().id(), passed ? "PASS" : "FAIL");
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
