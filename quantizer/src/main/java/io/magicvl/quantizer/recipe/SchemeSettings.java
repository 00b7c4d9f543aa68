package io.magicvl.quantizer.recipe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The scheme settings of one recipe entry (a component, or an override), as written in YAML.
 * Unset fields take the defaults of {@link WeightScheme#resolve}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SchemeSettings {
    /** One of {@link SchemeKind#ids()}. */
    @JsonProperty("scheme")
    public String scheme;

    /** int4-weight only: 4 (default) or 8, both through MatMulNBits. */
    @JsonProperty("bits")
    public Integer bits;

    /** int4-weight and int4 embeddings: 16, 32 (default), 64, 128 or 256 elements along K. */
    @JsonProperty("block_size")
    public Integer blockSize;

    /** int4-weight: true (default) for symmetric blocks, false for blocks with zero points. */
    @JsonProperty("symmetric")
    public Boolean symmetric;

    /** int4-weight: MatMulNBits accuracy_level 0 to 4; 0 (fp32 compute) when unset, recorded in the manifest. */
    @JsonProperty("accuracy_level")
    public Integer accuracyLevel;

    /** int8 schemes: {@code reduced} (default, 7-bit signed), {@code unsigned} (zero point 128) or {@code full}. */
    @JsonProperty("weight_range")
    public String weightRange;

    /** int8-weight: {@code dynamic} (default, integer MatMul) or {@code dequantize} (fp32 MatMul). */
    @JsonProperty("kernel")
    public String kernel;
}
