package io.magicvl.converter.graph;

/** Input and output names of the exported graphs (onnxruntime-genai's names for the decoder). */
public final class GraphNames {
    public static final String PIXEL_VALUES = "pixel_values";
    public static final String PATCH_MASK = "patch_mask";
    public static final String IMAGE_FEATURES = "image_features";
    public static final String INPUT_IDS = "input_ids";
    public static final String INPUTS_EMBEDS = "inputs_embeds";
    public static final String ATTENTION_MASK = "attention_mask";
    public static final String POSITION_IDS = "position_ids";
    public static final String LOGITS = "logits";

    private GraphNames() {}

    /** Returns {@code past_key_values.<layer>.key}. */
    public static String pastKey(int layer) {
        return "past_key_values." + layer + ".key";
    }

    /** Returns {@code past_key_values.<layer>.value}. */
    public static String pastValue(int layer) {
        return "past_key_values." + layer + ".value";
    }

    /** Returns {@code present.<layer>.key}. */
    public static String presentKey(int layer) {
        return "present." + layer + ".key";
    }

    /** Returns {@code present.<layer>.value}. */
    public static String presentValue(int layer) {
        return "present." + layer + ".value";
    }
}
