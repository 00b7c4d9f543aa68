package io.magicvl.quantizer.report;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What quantization did to one weight.
 *
 * @param component the report component (vision, projector, embed, decoder or lm_head)
 * @param name the checkpoint name of the weight
 * @param scheme the applied scheme's label, for example {@code int4-weight b4 bs32 sym acc0}
 * @param sqnrDb 10 log10(sum w^2 / sum (w' - w)^2) of the dequantized weight w', in dB; null when exact
 * @param maxAbsError the largest |w' - w|
 * @param bytesBefore stored bytes of the float weight
 * @param bytesAfter stored bytes of its replacement, scales and zero points included
 */
public record WeightReport(
        @JsonProperty("component") String component,
        @JsonProperty("name") String name,
        @JsonProperty("scheme") String scheme,
        @JsonProperty("sqnr_db") Double sqnrDb,
        @JsonProperty("max_abs_error") double maxAbsError,
        @JsonProperty("bytes_before") long bytesBefore,
        @JsonProperty("bytes_after") long bytesAfter) {}
