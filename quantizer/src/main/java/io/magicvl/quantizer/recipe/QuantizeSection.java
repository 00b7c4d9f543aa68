package io.magicvl.quantizer.recipe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code quantize} section of a recipe: a scheme per component, overrides by weight name,
 * the handling of tied embeddings and the calibration inputs.
 *
 * <pre>
 * quantize:
 *   components:
 *     vision:  {scheme: int8-weight}
 *     decoder: {scheme: int4-weight, block_size: 32, accuracy_level: 0}
 *     embed:   {scheme: int8-weight}
 *   tied_embeddings: split
 *   overrides:
 *     - {pattern: "*layers.0.*", scheme: int8-weight}
 *   calibration: {method: entropy}
 * </pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QuantizeSection {
    /** The component keys a recipe may configure. */
    public static final List<String> COMPONENTS = List.of("vision", "projector", "embed", "decoder", "lm_head");

    /**
     * Settings per component: {@code vision} (vision.onnx), {@code projector} (its {@code mlp1.*}
     * weights, else as vision), {@code embed} (embed.onnx), {@code decoder} (decoder.onnx) and
     * {@code lm_head} (the decoder's output projection, else as decoder).
     */
    @JsonProperty("components")
    public Map<String, SchemeSettings> components = new LinkedHashMap<>();

    /** Rules by weight name, first match wins. */
    @JsonProperty("overrides")
    public List<OverrideRule> overrides = new ArrayList<>();

    /**
     * {@code split} (default): lm_head follows its own settings. {@code shared}: lm_head gets the
     * embed settings, so both copies of a tied table dequantize to the same values.
     */
    @JsonProperty("tied_embeddings")
    public String tiedEmbeddings;

    @JsonProperty("calibration")
    public CalibrationSettings calibration = new CalibrationSettings();
}
