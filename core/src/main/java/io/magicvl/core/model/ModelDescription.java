package io.magicvl.core.model;

import java.nio.file.Path;

/**
 * The facts about a checkpoint folder besides its weights: the model config,
 * its tensor layout, the image preprocessing and the tokenizer facts.
 *
 * @param folder the checkpoint folder
 * @param config the parsed {@code config.json}
 * @param preprocessor the image preprocessing facts
 * @param tokenizer the tokenizer facts
 */
public record ModelDescription(Path folder, ModelConfig config, PreprocessorConfig preprocessor, TokenizerInfo tokenizer) {
    /**
     * Reads the description of the checkpoint in {@code folder}.
     *
     * @throws io.magicvl.core.MagicvlException (invalid input) if config.json is missing or invalid
     */
    public static ModelDescription read(Path folder) {
        ModelConfig config = ModelConfig.read(folder);
        return new ModelDescription(folder, config, PreprocessorConfig.read(folder, config), TokenizerInfo.read(folder));
    }

    /** Returns the tensor layout implied by the config. */
    public ModelLayout layout() {
        return config.layout();
    }
}
