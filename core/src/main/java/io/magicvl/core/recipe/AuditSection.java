package io.magicvl.core.recipe;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The recipe's {@code audit} section: overrides of the curriculum rules {@code magicvl audit}
 * checks.
 *
 * @param trainable per stage (its number as a string, or its folder name), the components it
 *     may change: {@code vision}, {@code projector}, {@code embeddings}, {@code decoder},
 *     {@code lm_head}, or the module names {@code vision_model}, {@code mlp1},
 *     {@code language_model} (embeddings, decoder and lm_head together)
 * @param allowAllZero names of tensors that may be all zeros (for example biases a training
 *     recipe initializes to zero and never trains)
 */
public record AuditSection(Map<String, List<String>> trainable, List<String> allowAllZero) {
    @JsonCreator
    public AuditSection(
            @JsonProperty("trainable") Map<String, List<String>> trainable,
            @JsonProperty("allow_all_zero") List<String> allowAllZero) {
        this.trainable = trainable == null ? Map.of() : Map.copyOf(trainable);
        this.allowAllZero = allowAllZero == null ? List.of() : List.copyOf(allowAllZero);
    }
}
