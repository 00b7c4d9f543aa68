package io.magicvl.quantizer.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Output error of a quantized component against the float export on the calibration inputs.
 *
 * @param output the compared graph output
 * @param samples how many inputs were compared
 * @param inputs how the inputs were made
 * @param cosine cosine similarity of all output values together
 * @param maxAbs the largest absolute difference
 * @param sqnrDb output signal-to-noise ratio in dB
 * @param top1Agreement decoder only: fraction of positions whose arg-max token is unchanged
 * @param klDivergence decoder only: mean KL(float || quantized) of the next-token distributions, in nats
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComponentError(
        @JsonProperty("output") String output,
        @JsonProperty("samples") int samples,
        @JsonProperty("inputs") String inputs,
        @JsonProperty("cosine") double cosine,
        @JsonProperty("max_abs") double maxAbs,
        @JsonProperty("sqnr_db") Double sqnrDb,
        @JsonProperty("top1_agreement") Double top1Agreement,
        @JsonProperty("kl_divergence") Double klDivergence) {

    /** Returns the number sensitivity ranks by: KL for the decoder, else 1 - cosine. */
    public double rankingError() {
        return klDivergence != null ? klDivergence : 1 - cosine;
    }
}
