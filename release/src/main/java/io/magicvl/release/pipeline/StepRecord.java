package io.magicvl.release.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The record a step leaves in {@code step.json} of its folder, written after the step ends.
 * A step folder without a record, or with a record that is not {@code passed}, counts as
 * unfinished and is redone.
 *
 * @param step the step name
 * @param index the step's position, from 1
 * @param status the outcome
 * @param inputsSha256 {@link ReleaseStep#inputsHash} when it ran
 * @param outputs SHA-256 of every file the step wrote, by path relative to its folder
 * @param message one line for the summary report
 * @param gates the gates it evaluated
 * @param report its own report, relative to its folder, or null
 * @param summary small facts for the summary report and the manifest
 * @param seconds wall time of the run in seconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StepRecord(
        @JsonProperty("step") String step,
        @JsonProperty("index") int index,
        @JsonProperty("status") StepStatus status,
        @JsonProperty("inputs_sha256") String inputsSha256,
        @JsonProperty("outputs") SortedMap<String, String> outputs,
        @JsonProperty("message") String message,
        @JsonProperty("gates") List<Gate> gates,
        @JsonProperty("report") String report,
        @JsonProperty("summary") Map<String, Object> summary,
        @JsonProperty("seconds") double seconds) {

    /** Name of the record file inside a step folder. */
    public static final String FILE_NAME = "step.json";

    /** Returns the SHA-256 of the sorted output list, which later steps hash as their input. */
    public String outputsSha256() {
        StringBuilder text = new StringBuilder();
        outputs.forEach((path, sha) -> text.append(path).append('\t').append(sha).append('\n'));
        return io.magicvl.release.bundle.Sha256.ofBytes(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
