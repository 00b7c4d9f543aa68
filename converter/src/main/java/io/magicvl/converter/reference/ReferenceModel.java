package io.magicvl.converter.reference;

import io.magicvl.core.model.ModelConfig;
import io.magicvl.core.safetensors.Checkpoint;
import java.nio.file.Path;

/**
 * The reference vision encoder and decoder of one checkpoint folder, with every weight read
 * into the heap as float32 (about 4 bytes per parameter).
 *
 * @param config the parsed {@code config.json}
 * @param vision the vision encoder (tower, unshuffle, projector)
 * @param decoder the decoder; it owns a KV cache, so call {@link ReferenceDecoder#reset()}
 *     between sequences
 */
public record ReferenceModel(ModelConfig config, ReferenceVision vision, ReferenceDecoder decoder) {

    /**
     * Loads the checkpoint in {@code folder} ({@code config.json} and its safetensors files).
     *
     * @throws io.magicvl.core.MagicvlException (invalid input) if the config is invalid, a
     *     variant is not implemented by the reference, or a tensor is missing or misshapen
     */
    public static ReferenceModel load(Path folder) {
        ModelConfig config = ModelConfig.read(folder);
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            WeightSource weights = WeightSource.of(checkpoint);
            ReferenceVision vision = new ReferenceVision(ReferenceSpecs.vision(config), weights);
            ReferenceDecoder decoder = new ReferenceDecoder(ReferenceSpecs.decoder(config), weights);
            return new ReferenceModel(config, vision, decoder);
        }
    }
}
