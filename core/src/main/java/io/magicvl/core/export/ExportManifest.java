package io.magicvl.core.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The {@code manifest.json} of an export folder: what the folder contains, where it came from,
 * and the SHA-256 of every other file. docs/export-format.md describes each field.
 *
 * <p>Unknown fields are ignored when reading so that older readers accept newer manifests;
 * {@code validation} and {@code device} are left as JSON for the steps that fill them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ExportManifest(
        int formatVersion,
        Model model,
        Source source,
        Toolchain toolchain,
        Recipe recipe,
        Map<String, Component> components,
        JsonNode preprocess,
        JsonNode prompt,
        JsonNode decoder,
        List<FileEntry> files,
        JsonNode validation,
        JsonNode device) {
    /** The format version this code writes. */
    public static final int FORMAT_VERSION = 1;
    /** File name of the manifest inside an export folder. */
    public static final String FILE_NAME = "manifest.json";

    /** Returns a copy with {@code files} replaced. */
    public ExportManifest withFiles(List<FileEntry> newFiles) {
        return new ExportManifest(formatVersion, model, source, toolchain, recipe, components, preprocess, prompt,
                decoder, newFiles, validation, device);
    }

    /** Returns a copy with {@code components} replaced. */
    public ExportManifest withComponents(Map<String, Component> newComponents) {
        return new ExportManifest(formatVersion, model, source, toolchain, recipe, newComponents, preprocess, prompt,
                decoder, files, validation, device);
    }

    /**
     * The model.
     *
     * @param name model name, for example {@code magicvl-nano}
     * @param architecture architecture preset, for example {@code magicvl-2b}
     * @param modelType top-level {@code model_type} of config.json
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Model(String name, String architecture, String modelType) {}

    /**
     * The source checkpoint.
     *
     * @param checkpoint folder name of the checkpoint
     * @param stage curriculum stage number, or null when unknown
     * @param configSha256 SHA-256 of config.json
     * @param weights SHA-256 of each weight file, by file name
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Source(String checkpoint, Integer stage, String configSha256, Map<String, String> weights) {}

    /** The magicvl build that wrote the folder. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Toolchain(String version, String commit) {}

    /** The recipe used, or null in the manifest when none was given. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Recipe(String name, String sha256) {}

    /**
     * One graph of the folder.
     *
     * @param file graph file name
     * @param precision {@code fp32} or {@code fp16} storage of the weights
     * @param quantization quantization scheme, or null (filled by quantize)
     * @param inputs input signature
     * @param outputs output signature
     * @param parity parity statistics against the reference, or null when not checked
     * @param error quantization error statistics, or null (filled by quantize)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Component(String file, String precision, JsonNode quantization, List<TensorSignature> inputs,
            List<TensorSignature> outputs, JsonNode parity, JsonNode error) {}

    /**
     * A graph input or output.
     *
     * @param name value name
     * @param type element type, for example {@code float32} or {@code int64}
     * @param shape dimensions: numbers, or names of symbolic sizes
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TensorSignature(String name, String type, List<Object> shape) {}

    /** A file of the folder with its size in bytes and SHA-256. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileEntry(String path, long size, String sha256) {}
}
