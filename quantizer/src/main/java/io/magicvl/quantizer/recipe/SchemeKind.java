package io.magicvl.quantizer.recipe;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The quantization schemes a recipe can name, by their recipe spelling. */
public enum SchemeKind {
    /** Weights stay fp32. */
    FP32("fp32"),
    /** Weights stored as fp16 and cast to fp32 when the graph runs; compute stays fp32. */
    FP16("fp16"),
    /** 8-bit symmetric per-output-channel weights, fp32 activations outside the integer kernel. */
    INT8_WEIGHT("int8-weight"),
    /** 8-bit weights and activations (QDQ) with activation ranges calibrated on sample inputs. */
    INT8_STATIC("int8-static"),
    /** Block-wise 4-bit (or {@code bits: 8}) weights as com.microsoft MatMulNBits. */
    INT4_WEIGHT("int4-weight");

    private final String id;

    SchemeKind(String id) {
        this.id = id;
    }

    /** Returns the recipe spelling, for example {@code int4-weight}. */
    public String id() {
        return id;
    }

    /** Returns the recipe spellings of all schemes. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(SchemeKind::id).toList();
    }

    /** Returns the scheme spelled {@code id}, or null. */
    public static SchemeKind fromId(String id) {
        String normalized = id.toLowerCase(Locale.ROOT);
        for (SchemeKind kind : values()) {
            if (kind.id.equals(normalized)) {
                return kind;
            }
        }
        return null;
    }

    /** Returns whether the scheme changes weights to integers. */
    public boolean isInteger() {
        return this == INT8_WEIGHT || this == INT8_STATIC || this == INT4_WEIGHT;
    }
}
