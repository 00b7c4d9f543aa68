package io.magicvl.core.model;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One row of an architecture's tensor table: a name pattern, the component it belongs to, its
 * shape as a function of the config, and when it is present.
 *
 * @param component the component the tensor belongs to
 * @param pattern the tensor name; {@code {i}} stands for the layer index
 * @param layers which layer count {@code {i}} runs over
 * @param init how synthetic checkpoints initialize the tensor
 * @param shape the expected shape for a config
 * @param appliesWhen whether the config has this tensor at all (for example a bias)
 * @param optionalWhen whether the tensor may be absent (a tied lm_head, an unused head)
 */
public record TensorRule(
        Component component,
        String pattern,
        Layers layers,
        Init init,
        Function<ModelConfig, long[]> shape,
        Predicate<ModelConfig> appliesWhen,
        Predicate<ModelConfig> optionalWhen) {

    /** The layer count a pattern's {@code {i}} runs over. */
    public enum Layers {
        NONE,
        VISION,
        DECODER
    }

    /** The fill of a tensor in synthetic checkpoints, chosen so that activations stay finite. */
    public enum Init {
        /** Normal with standard deviation 1/sqrt(fan_in), fan_in = product of all but the first dimension. */
        LINEAR,
        /** Normal with standard deviation 0.02 (embedding and position tables, class token). */
        EMBEDDING,
        /** All ones (norm weights). */
        ONES,
        /** All zeros (biases). */
        ZEROS,
        /** All 0.1 (InternViT layer-scale vectors). */
        LAYER_SCALE
    }

    /** Returns the number of layers {@code {i}} runs over for {@code config}. */
    public int layerCount(ModelConfig config) {
        switch (layers) {
            case VISION:
                return config.vision().numLayers();
            case DECODER:
                return config.decoder().numLayers();
            default:
                return 1;
        }
    }
}
