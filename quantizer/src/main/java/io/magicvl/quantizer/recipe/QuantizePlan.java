package io.magicvl.quantizer.recipe;

import io.magicvl.core.MagicvlException;
import io.magicvl.quantizer.calib.CalibrationMethod;
import io.magicvl.quantizer.math.Int8Range;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated {@link QuantizeSection} that decides the scheme of each weight. Building a plan
 * checks the whole section, so a bad recipe fails before any graph is read.
 *
 * <p>Resolution order for a weight: the first override whose pattern matches its name; then
 * {@code projector} for {@code mlp1.*} weights of the vision graph and {@code lm_head} for the
 * decoder's output projection (with {@code tied_embeddings: shared}, the embed settings); then
 * the component's own settings; fp32 when the component is not configured.
 */
public final class QuantizePlan {
    /** Where a weight is used, which decides the operator pattern that replaces it. */
    public enum Role {
        /** The second input of a MatMul, [K, N]. */
        LINEAR,
        /** The table of a Gather, [rows, columns], quantized per row. */
        EMBEDDING,
        /** A Conv kernel, [out, in, kh, kw], quantized per output channel. */
        CONV
    }

    private final QuantizeSection section;
    private final Map<String, WeightScheme> components = new LinkedHashMap<>();
    private final List<WeightScheme> overrideSchemes = new ArrayList<>();
    private final boolean sharedTiedEmbeddings;
    private final CalibrationMethod calibration;

    private QuantizePlan(QuantizeSection section) {
        this.section = section;
        for (Map.Entry<String, SchemeSettings> entry : section.components.entrySet()) {
            String component = entry.getKey();
            if (!QuantizeSection.COMPONENTS.contains(component)) {
                throw MagicvlException.invalidInput("quantize.components." + component
                        + ": unknown component; use one of " + QuantizeSection.COMPONENTS);
            }
            if (entry.getValue() == null) {
                throw MagicvlException.invalidInput("quantize.components." + component + " is empty; give it a scheme");
            }
            WeightScheme scheme = resolve(entry.getValue(), "quantize.components." + component,
                    component.equals("embed"));
            if (component.equals("embed") && scheme.kind() == SchemeKind.INT8_STATIC) {
                throw MagicvlException.invalidInput("quantize.components.embed.scheme: int8-static does not apply to"
                        + " an embedding table; use fp32, fp16, int8-weight or int4-weight");
            }
            components.put(component, scheme);
        }
        for (int i = 0; i < section.overrides.size(); i++) {
            OverrideRule rule = section.overrides.get(i);
            String where = "quantize.overrides[" + i + "]";
            if (rule.pattern == null || rule.pattern.isBlank()) {
                throw MagicvlException.invalidInput(where + ".pattern is missing; give a glob such as \"*layers.0.*\"");
            }
            overrideSchemes.add(resolve(rule, where, false));
        }
        String tied = section.tiedEmbeddings == null ? "split" : section.tiedEmbeddings;
        if (!tied.equals("split") && !tied.equals("shared")) {
            throw MagicvlException.invalidInput("quantize.tied_embeddings: unknown value '" + tied
                    + "'; use split or shared");
        }
        if (tied.equals("shared") && section.components.containsKey("lm_head")) {
            throw MagicvlException.invalidInput("quantize.components.lm_head is set but tied_embeddings is shared,"
                    + " which gives lm_head the embed settings; remove one of them");
        }
        this.sharedTiedEmbeddings = tied.equals("shared");
        this.calibration = CalibrationMethod.of(section.calibration);
    }

    /**
     * Validates {@code section} and returns its plan.
     *
     * @throws MagicvlException (invalid input) naming the first bad key and its allowed values
     */
    public static QuantizePlan of(QuantizeSection section) {
        return new QuantizePlan(section);
    }

    private static WeightScheme resolve(SchemeSettings settings, String where, boolean embedding) {
        WeightScheme scheme = WeightScheme.resolve(settings, where);
        // A table read by Gather never reaches an integer kernel, so the full int8 range is safe there.
        if (embedding && settings.weightRange == null && scheme.kind() == SchemeKind.INT8_WEIGHT) {
            return new WeightScheme(scheme.kind(), 8, 0, true, 0, Int8Range.FULL, false);
        }
        return scheme;
    }

    public QuantizeSection section() {
        return section;
    }

    public CalibrationMethod calibration() {
        return calibration;
    }

    /** Returns whether lm_head takes the embed settings ({@code tied_embeddings: shared}). */
    public boolean sharedTiedEmbeddings() {
        return sharedTiedEmbeddings;
    }

    /** Returns the int8 weight range int8-static uses when nothing else is set. */
    public Int8Range calibrationRange() {
        return Int8Range.REDUCED;
    }

    /** Returns whether any weight of any component may get {@code kind}. */
    public boolean uses(SchemeKind kind) {
        return components.values().stream().anyMatch(s -> s.kind() == kind)
                || overrideSchemes.stream().anyMatch(s -> s.kind() == kind);
    }

    /**
     * Returns the scheme of weight {@code weightName} used as {@code role} in graph {@code component}
     * ({@code vision}, {@code embed} or {@code decoder}).
     */
    public WeightScheme schemeFor(String component, String weightName, Role role) {
        for (int i = 0; i < section.overrides.size(); i++) {
            if (section.overrides.get(i).matches(weightName)) {
                return overrideSchemes.get(i);
            }
        }
        if (component.equals("vision") && isProjectorWeight(weightName) && components.containsKey("projector")) {
            return components.get("projector");
        }
        if (component.equals("decoder") && role == Role.LINEAR && isLmHeadWeight(weightName)) {
            if (sharedTiedEmbeddings && components.containsKey("embed")) {
                return sharedLmHead(components.get("embed"));
            }
            if (components.containsKey("lm_head")) {
                return components.get("lm_head");
            }
        }
        return components.getOrDefault(component, WeightScheme.FLOAT32);
    }

    /** Returns the component a report lists the weight under: projector and lm_head apart from their graphs. */
    public static String reportComponent(String component, String weightName) {
        if (component.equals("vision") && isProjectorWeight(weightName)) {
            return "projector";
        }
        if (component.equals("decoder") && isLmHeadWeight(weightName)) {
            return "lm_head";
        }
        return component;
    }

    /**
     * Returns the embed scheme as applied to lm_head: the same values, with the dequantize kernel
     * when the range is unsafe for integer kernels.
     */
    private static WeightScheme sharedLmHead(WeightScheme embed) {
        if (embed.kind() == SchemeKind.INT8_WEIGHT && embed.range() == Int8Range.FULL) {
            return new WeightScheme(embed.kind(), 8, 0, true, 0, Int8Range.FULL, false);
        }
        return embed;
    }

    /** Returns whether a vision weight belongs to the projector ({@code mlp1.*}). */
    public static boolean isProjectorWeight(String weightName) {
        return weightName.startsWith("mlp1.") || weightName.contains(".mlp1.");
    }

    /** Returns whether a decoder MatMul weight is the output projection (lm_head, or the tied embedding table). */
    public static boolean isLmHeadWeight(String weightName) {
        return weightName.endsWith("lm_head.weight") || weightName.contains("embed_tokens")
                || weightName.endsWith("output.weight");
    }
}
