package io.magicvl.core.inspect;

import io.magicvl.core.model.Component;
import io.magicvl.core.model.DecoderConfig;
import io.magicvl.core.model.ImageTiling;
import io.magicvl.core.model.ProjectorConfig;
import io.magicvl.core.model.VisionConfig;
import java.util.List;
import java.util.Map;

/**
 * The report of {@code magicvl inspect} on a checkpoint folder.
 *
 * @param folder the checkpoint folder
 * @param architecture short label, for example {@code siglip+mlp1+qwen3}
 * @param modelType top-level {@code model_type}
 * @param synthetic whether the folder was written by {@code magicvl synth}
 * @param vision vision tower hyperparameters
 * @param projector merge and projector hyperparameters
 * @param decoder decoder hyperparameters
 * @param tiling image tiling
 * @param components parameters and bytes per component, in component order
 * @param lmHeadTied whether the lm_head reuses the embedding table (and is absent from the files)
 * @param totalParameters stored parameters
 * @param totalBytes stored tensor bytes
 * @param tokenizer tokenizer facts
 * @param preprocessing image preprocessing facts
 * @param files every file of the folder with its size and SHA-256 (null when hashing was skipped)
 */
public record InspectReport(
        String folder,
        String architecture,
        String modelType,
        boolean synthetic,
        VisionConfig vision,
        ProjectorConfig projector,
        DecoderConfig decoder,
        ImageTiling tiling,
        List<ComponentSummary> components,
        boolean lmHeadTied,
        long totalParameters,
        long totalBytes,
        TokenizerSummary tokenizer,
        PreprocessingSummary preprocessing,
        List<FileSummary> files) {

    /**
     * One component's share of the checkpoint.
     *
     * @param component the component
     * @param tensors stored tensors
     * @param parameters stored elements
     * @param bytes stored bytes
     * @param dtypes tensor count per dtype
     */
    public record ComponentSummary(Component component, int tensors, long parameters, long bytes,
            Map<String, Integer> dtypes) {}

    /**
     * Tokenizer facts.
     *
     * @param tokenizerClass {@code tokenizer_class}
     * @param size one more than the largest token id
     * @param bosToken BOS token text, empty if none
     * @param eosToken EOS token text
     * @param padToken padding token text
     * @param imgContextId id of {@code <IMG_CONTEXT>}, or -1
     * @param specialTokens added tokens as {@code id -> text}
     */
    public record TokenizerSummary(String tokenizerClass, int size, String bosToken, String eosToken, String padToken,
            int imgContextId, Map<Integer, String> specialTokens) {}

    /**
     * Image preprocessing facts.
     *
     * @param tileSize tile side in pixels
     * @param patchSize patch side in pixels
     * @param tokenPixels pixels per visual token side
     * @param maxTiles most tiles per image
     * @param mean normalization mean (RGB)
     * @param std normalization standard deviation (RGB)
     * @param resample PIL filter number (3 = bicubic)
     * @param fromFile whether preprocessor_config.json exists (else defaults were used)
     */
    public record PreprocessingSummary(int tileSize, int patchSize, int tokenPixels, int maxTiles, double[] mean,
            double[] std, int resample, boolean fromFile) {}

    /**
     * One file of the checkpoint folder.
     *
     * @param name file name
     * @param bytes size in bytes
     * @param sha256 hex SHA-256, or null when hashing was skipped
     */
    public record FileSummary(String name, long bytes, String sha256) {}
}
