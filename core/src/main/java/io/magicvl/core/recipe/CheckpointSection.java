package io.magicvl.core.recipe;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The recipe's {@code checkpoint} section: where the training run is and which stage to release.
 *
 * @param run the training run folder (one sub-folder per stage), relative to the recipe's folder
 *     unless absolute
 * @param stage the stage to release: its number ({@code 4}) or its folder name
 *     ({@code stage4-advanced}); the last stage when absent
 */
public record CheckpointSection(String run, String stage) {
    @JsonCreator
    public CheckpointSection(
            @JsonProperty(value = "run", required = true) String run, @JsonProperty("stage") String stage) {
        this.run = run;
        this.stage = stage;
    }
}
