package io.magicvl.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.runtime.preprocess.PreprocessSpec;
import io.magicvl.runtime.text.PromptSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The parts of an export folder's {@code manifest.json} and {@code preprocess.json} that the
 * runtime needs: graph files, preprocessing, chat format and decoder shape.
 */
public final class RuntimeManifest {
    /** Name of the manifest file inside an export folder. */
    public static final String FILE = "manifest.json";

    private final Path dir;
    private final JsonNode root;
    private final PreprocessSpec preprocess;
    private final PromptSpec prompt;
    private final DecoderShape decoder;

    /**
     * The decoder dimensions from the manifest's {@code "decoder"} section.
     *
     * @param layers decoder layers, one key and one value cache each
     * @param kvHeads key/value heads
     * @param headDim size of one head
     * @param hiddenSize size of one token embedding
     * @param vocabSize logits per position
     * @param maxPositions longest sequence (prompt and answer) the decoder takes
     */
    public record DecoderShape(int layers, int kvHeads, int headDim, int hiddenSize, int vocabSize, int maxPositions) {}

    private RuntimeManifest(Path dir, JsonNode root, PreprocessSpec preprocess, PromptSpec prompt, DecoderShape decoder) {
        this.dir = dir;
        this.root = root;
        this.preprocess = preprocess;
        this.prompt = prompt;
        this.decoder = decoder;
    }

    /**
     * Reads the manifest of the export folder {@code dir}.
     *
     * @throws MagicvlException (invalid input) when the folder or a required entry is missing
     */
    public static RuntimeManifest read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw MagicvlException.invalidInput("No " + FILE + " in " + dir
                    + ". Pass an export folder written by magicvl convert or magicvl quantize.");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Cannot read " + file + ": " + e.getMessage(), e);
        }
        Path preprocessFile = dir.resolve("preprocess.json");
        PreprocessSpec preprocess = Files.isRegularFile(preprocessFile)
                ? PreprocessSpec.read(preprocessFile)
                : PreprocessSpec.fromJson(required(root, "preprocess", file), file.toString());
        PromptSpec prompt = PromptSpec.fromJson(root.get("prompt"), file.toString());
        JsonNode d = required(root, "decoder", file);
        DecoderShape decoder = new DecoderShape(
                positive(d, "layers", file),
                positive(d, "kv_heads", file),
                positive(d, "head_dim", file),
                positive(d, "hidden_size", file),
                positive(d, "vocab_size", file),
                positive(d, "max_positions", file));
        return new RuntimeManifest(dir, root, preprocess, prompt, decoder);
    }

    private static JsonNode required(JsonNode node, String key, Path file) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw MagicvlException.invalidInput("Missing \"" + key + "\" in " + file + ". Convert the model again.");
        }
        return value;
    }

    private static int positive(JsonNode node, String key, Path file) {
        JsonNode value = node.get(key);
        if (value == null || !value.canConvertToInt() || value.asInt() <= 0) {
            throw MagicvlException.invalidInput("Invalid or missing \"decoder." + key + "\" in " + file
                    + ": " + value + ". Expected a positive integer.");
        }
        return value.asInt();
    }

    /** Returns the path of a component's graph ({@code vision}, {@code embed} or {@code decoder}). */
    public Path componentFile(String component) {
        JsonNode node = root.path("components").path(component).path("file");
        String name = node.isTextual() ? node.asText() : component + ".onnx";
        Path file = dir.resolve(name).normalize();
        if (!file.startsWith(dir.normalize())) {
            throw MagicvlException.invalidInput("Component file " + name + " in " + dir.resolve(FILE)
                    + " points outside the export folder.");
        }
        return file;
    }

    /** Returns the model name, or the folder name when the manifest has none. */
    public String modelName() {
        String name = root.path("model").path("name").asText("");
        return name.isEmpty() ? String.valueOf(dir.getFileName()) : name;
    }

    /** Returns the precision of a component, for example {@code fp32}, or {@code unknown}. */
    public String precision(String component) {
        return root.path("components").path(component).path("precision").asText("unknown");
    }

    public Path dir() {
        return dir;
    }

    public JsonNode root() {
        return root;
    }

    public PreprocessSpec preprocess() {
        return preprocess;
    }

    public PromptSpec prompt() {
        return prompt;
    }

    public DecoderShape decoder() {
        return decoder;
    }
}
