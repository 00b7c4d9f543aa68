package io.magicvl.core.model;

import java.nio.file.Path;

/**
 * A vision-language model's {@code config.json}: the InternVL-style composite config of the
 * MagicVL family ({@code vision_config} + {@code llm_config}) or of InternVL2.5
 * ({@code internvl_chat}), with every missing key filled the way transformers fills it.
 *
 * @param source the config.json that was read
 * @param modelType top-level {@code model_type}, for example {@code magicvl} or {@code internvl_chat}
 * @param template chat template name ({@code template}), or an empty string
 * @param selectLayer vision layer whose output feeds the projector (-1 = last)
 * @param imgContextTokenId id of {@code <IMG_CONTEXT>}, or -1 when the config does not say
 * @param torchDtype stored weight dtype ({@code torch_dtype} or {@code dtype}), or an empty string
 */
public record ModelConfig(
        Path source,
        String modelType,
        String template,
        int selectLayer,
        int imgContextTokenId,
        String torchDtype,
        VisionConfig vision,
        ProjectorConfig projector,
        DecoderConfig decoder,
        ImageTiling tiling) {

    /** Name of the config file inside a checkpoint folder. */
    public static final String FILE_NAME = "config.json";

    /**
     * Reads {@code config.json} from a checkpoint folder, or the given file.
     *
     * @throws io.magicvl.core.MagicvlException (invalid input) naming the file, the key and the fix
     */
    public static ModelConfig read(Path folderOrFile) {
        return ConfigParser.read(folderOrFile);
    }

    /**
     * Parses config JSON that is already in memory; {@code source} names it in errors.
     *
     * @throws io.magicvl.core.MagicvlException (invalid input) naming the source, the key and the fix
     */
    public static ModelConfig parse(Path source, com.fasterxml.jackson.databind.JsonNode root) {
        return ConfigParser.parse(source, root);
    }

    /** Returns a short architecture label, for example {@code siglip+mlp1+qwen3}. */
    public String architecture() {
        String vision = this.vision.kind() == VisionConfig.Kind.SIGLIP ? "siglip" : "internvit";
        return vision + "+mlp1+" + decoder.kind().modelType();
    }

    /** Returns the layout of tensor names and shapes this config implies. */
    public ModelLayout layout() {
        return new ModelLayout(this);
    }
}
