package io.magicvl.converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashMap;
import java.util.Map;

/**
 * The recipe's {@code convert} section.
 *
 * <pre>{@code
 * convert:
 *   precision: fp16          # fp32 or fp16; the command line's --precision wins
 *   parity: quick            # full, quick or off; the command line's --parity wins
 *   quick_layers: 2          # layers of a truncated-depth parity check (quick mode, large models)
 *   thresholds:
 *     fp16: {max_abs: 0.05, min_cosine: 0.999, argmax: false}
 * }</pre>
 *
 * @param precision default precision, or null
 * @param parity default parity mode, or null
 * @param quickLayers layers kept by the quick parity check of large models, or null for the default
 * @param thresholds parity thresholds per precision; missing ones take {@link #defaults}
 */
public record ConvertSection(String precision, String parity, Integer quickLayers, Map<String, Thresholds> thresholds) {
    /** Layers of the truncated-depth quick check when the recipe sets none. */
    public static final int DEFAULT_QUICK_LAYERS = 2;

    @JsonCreator
    public ConvertSection(
            @JsonProperty("precision") String precision,
            @JsonProperty("parity") String parity,
            @JsonProperty("quick_layers") Integer quickLayers,
            @JsonProperty("thresholds") Map<String, Thresholds> thresholds) {
        this.precision = precision;
        this.parity = parity;
        this.quickLayers = quickLayers;
        this.thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
    }

    /** Returns a section with no settings, so every value takes its default. */
    public static ConvertSection empty() {
        return new ConvertSection(null, null, null, null);
    }

    /**
     * Parity limits of one precision.
     *
     * @param maxAbs largest allowed absolute difference from the reference
     * @param minCosine smallest allowed cosine similarity with the reference
     * @param argmax whether the decoder's argmax token must agree with the reference at every step
     */
    public record Thresholds(Double maxAbs, Double minCosine, Boolean argmax) {
        @JsonCreator
        public Thresholds(
                @JsonProperty("max_abs") Double maxAbs,
                @JsonProperty("min_cosine") Double minCosine,
                @JsonProperty("argmax") Boolean argmax) {
            this.maxAbs = maxAbs;
            this.minCosine = minCosine;
            this.argmax = argmax;
        }
    }

    /**
     * Returns the default thresholds. fp32: max abs 1e-3, cosine 0.99999, argmax must agree.
     * fp16: max abs 5e-2, cosine 0.999, argmax reported but not required, because fp16 weights
     * can flip a near-tie on random-weight checkpoints.
     */
    public static Map<String, Thresholds> defaults() {
        Map<String, Thresholds> map = new HashMap<>();
        map.put("fp32", new Thresholds(1e-3, 0.99999, true));
        map.put("fp16", new Thresholds(5e-2, 0.999, false));
        return map;
    }

    /** Returns the thresholds for {@code precision}, each missing value taken from {@link #defaults}. */
    public Thresholds thresholdsFor(String precision) {
        Thresholds base = defaults().get(precision);
        Thresholds given = thresholds.get(precision);
        if (given == null) {
            return base;
        }
        return new Thresholds(
                given.maxAbs() != null ? given.maxAbs() : base.maxAbs(),
                given.minCosine() != null ? given.minCosine() : base.minCosine(),
                given.argmax() != null ? given.argmax() : base.argmax());
    }

    /** Returns the quick-check depth. */
    public int quickLayersOrDefault() {
        return quickLayers != null ? quickLayers : DEFAULT_QUICK_LAYERS;
    }
}
