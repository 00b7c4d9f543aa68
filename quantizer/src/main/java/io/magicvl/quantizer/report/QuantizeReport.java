package io.magicvl.quantizer.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The result of {@code magicvl quantize}: the sizes and output error of each graph, and the
 * scheme and error of each weight.
 *
 * @param output the written export folder
 * @param components per graph component (vision, embed, decoder)
 * @param weights every weight that changed precision
 */
public record QuantizeReport(
        @JsonProperty("output") String output,
        @JsonProperty("components") Map<String, Component> components,
        @JsonProperty("weights") List<WeightReport> weights) {

    /**
     * One graph.
     *
     * @param file the graph file
     * @param scheme the component's scheme from the recipe
     * @param bytesBefore size of the graph and its external data before
     * @param bytesAfter size after
     * @param error output error on the calibration inputs, null when unchanged
     */
    public record Component(
            @JsonProperty("file") String file,
            @JsonProperty("scheme") String scheme,
            @JsonProperty("bytes_before") long bytesBefore,
            @JsonProperty("bytes_after") long bytesAfter,
            @JsonProperty("error") ComponentError error) {}
}
