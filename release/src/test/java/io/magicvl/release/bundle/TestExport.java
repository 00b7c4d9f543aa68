package io.magicvl.release.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.release.manifest.ManifestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes a small export folder with a manifest that passes the schema, for bundle tests. */
public final class TestExport {
    /** A name longer than the 100 bytes of a ustar name field, to exercise PAX long names. */
    public static final String LONG_NAME = "extra/" + "a-very-long-file-name-".repeat(6) + "end.txt";

    private TestExport() {}

    public static Path write(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("extra"));
        Random random = new Random(7);
        for (String graph : new String[] {"vision.onnx", "embed.onnx", "decoder.onnx", "decoder.onnx.data"}) {
            byte[] bytes = new byte[5000 + random.nextInt(5000)];
            random.nextBytes(bytes);
            Files.write(folder.resolve(graph), bytes);
        }
        Files.writeString(folder.resolve("tokenizer.json"), "{\"model\":{\"type\":\"BPE\"}}", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("preprocess.json"), "{\"scheme\":\"token_level\"}", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(LONG_NAME), "long names survive", StandardCharsets.UTF_8);
        ManifestFiles.write(folder, manifest());
        return folder;
    }

    public static ObjectNode manifest() throws IOException {
        String json = """
                {
                  "format_version": 1,
                  "model": {"name": "test-model", "architecture": "magicvl-nano", "model_type": "magicvl"},
                  "source": {"checkpoint": "stage4-advanced", "stage": 4,
                    "config_sha256": "%1$s", "weights": {"model.safetensors": "%1$s"}},
                  "toolchain": {"version": "0.1.0", "commit": "abc123"},
                  "recipe": null,
                  "components": {
                    "vision": {"file": "vision.onnx", "precision": "fp32", "quantization": null,
                      "inputs": [{"name": "pixel_values", "type": "float32", "shape": ["T", 3, 128, 128]}],
                      "outputs": [], "parity": {"max_abs": 1e-6, "passed": true}, "error": null},
                    "embed": {"file": "embed.onnx", "precision": "fp32", "quantization": null,
                      "inputs": [], "outputs": [], "parity": null, "error": null},
                    "decoder": {"file": "decoder.onnx", "precision": "int4", "quantization": {"scheme": "int4-weight"},
                      "inputs": [], "outputs": [], "parity": null, "error": {"max_abs": 0.01}}
                  },
                  "preprocess": {"scheme": "token_level", "tile_size": 128},
                  "prompt": {"template": "qwen-chat", "eos_token_ids": [258]},
                  "decoder": {"layers": 4, "kv_heads": 2, "head_dim": 32, "hidden_size": 128, "vocab_size": 262},
                  "files": [],
                  "validation": null,
                  "device": null
                }
                """.formatted("0".repeat(64));
        return (ObjectNode) Json.MAPPER.readTree(json);
    }
}
