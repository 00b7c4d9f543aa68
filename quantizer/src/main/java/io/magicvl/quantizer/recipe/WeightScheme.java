package io.magicvl.quantizer.recipe;

import io.magicvl.core.MagicvlException;
import io.magicvl.quantizer.math.Int8Range;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A validated scheme with every default filled in, as applied to one weight.
 *
 * @param kind the scheme
 * @param bits 4 or 8 for int4-weight, 8 for int8 schemes, 16 for fp16, 32 for fp32
 * @param blockSize elements per block along K for int4-weight and block-wise embeddings, else 0
 * @param symmetric whether blocks have no zero points (int4-weight)
 * @param accuracyLevel MatMulNBits accuracy_level (int4-weight)
 * @param range the integer range of int8 weights
 * @param dynamicKernel int8-weight: true for DynamicQuantizeLinear + MatMulInteger, false for DequantizeLinear + MatMul
 */
public record WeightScheme(
        SchemeKind kind, int bits, int blockSize, boolean symmetric, int accuracyLevel, Int8Range range,
        boolean dynamicKernel) {

    /** The block sizes MatMulNBits accepts. */
    public static final List<Integer> BLOCK_SIZES = List.of(16, 32, 64, 128, 256);
    /** Default block size of int4-weight. */
    public static final int DEFAULT_BLOCK_SIZE = 32;
    /**
     * Default MatMulNBits accuracy_level: 0 computes in fp32 and matches the dequantized weights
     * exactly; 4 (int8 activations) is several times faster for decode but can flip greedy tokens,
     * so a recipe has to ask for it.
     */
    public static final int DEFAULT_ACCURACY_LEVEL = 0;

    public static final WeightScheme FLOAT32 =
            new WeightScheme(SchemeKind.FP32, 32, 0, true, 0, Int8Range.REDUCED, false);

    /**
     * Validates {@code settings} (found at recipe path {@code where}) and fills in defaults.
     *
     * @throws MagicvlException (invalid input) naming the key, the value and the allowed values
     */
    public static WeightScheme resolve(SchemeSettings settings, String where) {
        if (settings.scheme == null) {
            throw MagicvlException.invalidInput(where + ".scheme is missing; use one of " + SchemeKind.ids());
        }
        SchemeKind kind = SchemeKind.fromId(settings.scheme);
        if (kind == null) {
            throw MagicvlException.invalidInput(where + ".scheme: unknown scheme '" + settings.scheme
                    + "'; use one of " + SchemeKind.ids());
        }
        rejectUnused(settings, kind, where);
        Int8Range range = parseRange(settings.weightRange, where);
        return switch (kind) {
            case FP32 -> FLOAT32;
            case FP16 -> new WeightScheme(kind, 16, 0, true, 0, range, false);
            case INT8_WEIGHT -> new WeightScheme(kind, 8, 0, true, 0, range, parseKernel(settings.kernel, where));
            case INT8_STATIC -> new WeightScheme(kind, 8, 0, true, 0, range, false);
            case INT4_WEIGHT -> resolveBlockWise(settings, where, range);
        };
    }

    private static WeightScheme resolveBlockWise(SchemeSettings settings, String where, Int8Range range) {
        int bits = settings.bits == null ? 4 : settings.bits;
        if (bits != 4 && bits != 8) {
            throw MagicvlException.invalidInput(where + ".bits: " + bits + " is not allowed; use 4 or 8");
        }
        int blockSize = settings.blockSize == null ? DEFAULT_BLOCK_SIZE : settings.blockSize;
        if (!BLOCK_SIZES.contains(blockSize)) {
            throw MagicvlException.invalidInput(where + ".block_size: " + blockSize
                    + " is not allowed; use one of " + BLOCK_SIZES);
        }
        int accuracyLevel = settings.accuracyLevel == null ? DEFAULT_ACCURACY_LEVEL : settings.accuracyLevel;
        if (accuracyLevel < 0 || accuracyLevel > 4) {
            throw MagicvlException.invalidInput(where + ".accuracy_level: " + accuracyLevel
                    + " is not allowed; use 0 (fp32), 1 (fp32), 2 (fp16), 3 (bf16) or 4 (int8)");
        }
        boolean symmetric = settings.symmetric == null || settings.symmetric;
        return new WeightScheme(SchemeKind.INT4_WEIGHT, bits, blockSize, symmetric, accuracyLevel, range, false);
    }

    private static void rejectUnused(SchemeSettings settings, SchemeKind kind, String where) {
        boolean blockWise = kind == SchemeKind.INT4_WEIGHT;
        boolean int8 = kind == SchemeKind.INT8_WEIGHT || kind == SchemeKind.INT8_STATIC;
        rejectIf(!blockWise && settings.bits != null, where, "bits", kind);
        rejectIf(!blockWise && settings.blockSize != null, where, "block_size", kind);
        rejectIf(!blockWise && settings.accuracyLevel != null, where, "accuracy_level", kind);
        rejectIf(!blockWise && settings.symmetric != null, where, "symmetric", kind);
        rejectIf(!int8 && settings.weightRange != null, where, "weight_range", kind);
        rejectIf(kind != SchemeKind.INT8_WEIGHT && settings.kernel != null, where, "kernel", kind);
    }

    private static void rejectIf(boolean unused, String where, String key, SchemeKind kind) {
        if (unused) {
            throw MagicvlException.invalidInput(where + "." + key + " does not apply to scheme " + kind.id()
                    + "; remove it or change the scheme");
        }
    }

    private static Int8Range parseRange(String value, String where) {
        if (value == null) {
            return Int8Range.REDUCED;
        }
        for (Int8Range range : Int8Range.values()) {
            if (range.id().equals(value.toLowerCase(Locale.ROOT))) {
                return range;
            }
        }
        throw MagicvlException.invalidInput(where + ".weight_range: unknown value '" + value
                + "'; use reduced, unsigned or full");
    }

    private static boolean parseKernel(String value, String where) {
        if (value == null || value.equals("dynamic")) {
            return true;
        }
        if (value.equals("dequantize")) {
            return false;
        }
        throw MagicvlException.invalidInput(where + ".kernel: unknown value '" + value
                + "'; use dynamic or dequantize");
    }

    /** Returns this scheme with block size {@code blockSize} (used by block-wise embeddings). */
    public WeightScheme withBlockSize(int blockSize) {
        return new WeightScheme(kind, bits, blockSize, symmetric, accuracyLevel, range, dynamicKernel);
    }

    /** Returns a short label such as {@code int4-weight b4 bs32 sym acc0} for tables. */
    public String label() {
        return switch (kind) {
            case FP32, FP16 -> kind.id();
            case INT8_WEIGHT -> kind.id() + " " + range.id() + (dynamicKernel ? " dynamic" : " dequantize");
            case INT8_STATIC -> kind.id() + " " + range.id();
            case INT4_WEIGHT -> kind.id() + " b" + bits + " bs" + blockSize + (symmetric ? " sym" : " asym")
                    + " acc" + accuracyLevel;
        };
    }

    /** Returns the settings as a map for the manifest. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scheme", kind.id());
        if (kind == SchemeKind.INT4_WEIGHT) {
            json.put("bits", bits);
            json.put("block_size", blockSize);
            json.put("symmetric", symmetric);
            json.put("accuracy_level", accuracyLevel);
        }
        if (kind == SchemeKind.INT8_WEIGHT || kind == SchemeKind.INT8_STATIC) {
            json.put("weight_range", range.id());
        }
        if (kind == SchemeKind.INT8_WEIGHT) {
            json.put("kernel", dynamicKernel ? "dynamic" : "dequantize");
        }
        return json;
    }

    /** Returns the stored bits per weight element, scales and zero points excluded. */
    public double bitsPerWeight() {
        return switch (kind) {
            case FP32 -> 32;
            case FP16 -> 16;
            case INT8_WEIGHT, INT8_STATIC -> 8;
            case INT4_WEIGHT -> bits;
        };
    }
}
