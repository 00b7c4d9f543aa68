package io.magicvl.release.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The outcome of one gate: a measured value against a threshold, with the confidence
 * interval when the value is an estimate.
 *
 * @param name gate name as in the recipe, for example {@code ocrbench.accuracy_delta}
 * @param step the step that evaluated it
 * @param value the measured value, or null when it could not be measured
 * @param comparison how value and threshold compare to pass: {@code ">="} or {@code "<="}
 * @param threshold the value the gate requires
 * @param interval {@code [low, high]} of the estimate, or null
 * @param unit unit of value and threshold, for example {@code "points"} or {@code "s"}
 * @param passed whether the gate passed
 * @param explanation one sentence saying what was compared and why it passed or failed
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Gate(
        @JsonProperty("name") String name,
        @JsonProperty("step") String step,
        @JsonProperty("value") Double value,
        @JsonProperty("comparison") String comparison,
        @JsonProperty("threshold") Double threshold,
        @JsonProperty("interval") List<Double> interval,
        @JsonProperty("unit") String unit,
        @JsonProperty("passed") boolean passed,
        @JsonProperty("explanation") String explanation) {

    /** Returns "name: value unit (interval) comparison threshold: PASS|FAIL", for logs and messages. */
    public String describe() {
        StringBuilder text = new StringBuilder(name).append(": value ").append(format(value));
        if (unit != null && !unit.isEmpty()) {
            text.append(' ').append(unit);
        }
        if (interval != null && interval.size() == 2) {
            text.append(" (95% interval ").append(format(interval.get(0))).append(" to ")
                    .append(format(interval.get(1))).append(')');
        }
        text.append(", required ").append(comparison).append(' ').append(format(threshold));
        text.append(passed ? ": passed" : ": FAILED");
        return text.toString();
    }

    /** Formats a number for messages: whole numbers without decimals, others with 4 significant digits. */
    public static String formatNumber(double number) {
        return format(number);
    }

    static String format(Double number) {
        if (number == null) {
            return "n/a";
        }
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            return Long.toString(number.longValue());
        }
        return String.format(java.util.Locale.ROOT, "%.4g", number);
    }
}
