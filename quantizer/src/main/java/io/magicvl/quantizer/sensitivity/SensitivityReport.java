package io.magicvl.quantizer.sensitivity;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The result of a sensitivity analysis of one component.
 *
 * @param component the graph component
 * @param metric what {@code error} measures: {@code kl_divergence} (decoder) or {@code 1-cosine}
 * @param groups every group, most sensitive first
 * @param budget the error budget, or null when none was given
 * @param fullError the error with every group at its target scheme
 * @param chosenError the error of the chosen assignment, or null without a budget
 * @param kept the groups kept at the fallback scheme to meet the budget, in the order chosen
 * @param budgetMet whether the chosen assignment meets the budget
 */
public record SensitivityReport(
        @JsonProperty("component") String component,
        @JsonProperty("metric") String metric,
        @JsonProperty("groups") List<Group> groups,
        @JsonProperty("budget") Double budget,
        @JsonProperty("full_error") double fullError,
        @JsonProperty("chosen_error") Double chosenError,
        @JsonProperty("kept") List<String> kept,
        @JsonProperty("budget_met") Boolean budgetMet) {

    /**
     * One group quantized alone.
     *
     * @param pattern the override glob of the group
     * @param scheme the target scheme's label
     * @param fallback the scheme the group gets when kept, as a recipe scheme name
     * @param error the component error with only this group quantized
     * @param savedBytes bytes the target scheme saves over the fallback for this group
     */
    public record Group(
            @JsonProperty("pattern") String pattern,
            @JsonProperty("weights") int weights,
            @JsonProperty("scheme") String scheme,
            @JsonProperty("fallback") String fallback,
            @JsonProperty("error") double error,
            @JsonProperty("saved_bytes") long savedBytes) {}
}
