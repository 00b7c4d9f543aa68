package io.magicvl.release.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestSchemaTest {
    private static final String SHA = "ab".repeat(32);

    @Test
    void completeManifestHasNoProblems() throws IOException {
        assertEquals(List.of(), ManifestSchema.problems(manifest()));
    }

    @Test
    void missingKeyIsNamed() throws IOException {
        ObjectNode manifest = manifest();
        manifest.remove("prompt");

        assertEquals(List.of("/prompt: required key is missing"), ManifestSchema.problems(manifest));
    }

    @Test
    void wrongTypesAreNamed() throws IOException {
        ObjectNode manifest = manifest();
        ((ObjectNode) manifest.get("decoder")).put("layers", "four");
        ((ObjectNode) manifest.get("files").get(0)).put("sha256", "XYZ");

        List<String> problems = ManifestSchema.problems(manifest);

        assertEquals(2, problems.size(), problems.toString());
        assertEquals("/files/0/sha256: expected a SHA-256 digest (64 lowercase hex digits), found \"XYZ\"", problems.get(0));
        assertEquals("/decoder/layers: expected an integer, found string \"four\"", problems.get(1));
    }

    @Test
    void newerFormatVersionIsRejected() throws IOException {
        ObjectNode manifest = manifest();
        manifest.put("format_version", 2);

        List<String> problems = ManifestSchema.problems(manifest);

        assertEquals(1, problems.size(), problems.toString());
        assertEquals(true, problems.get(0).startsWith("/format_version: format version 2 is not supported"));
    }

    @Test
    void componentFileMustBeListed() throws IOException {
        ObjectNode manifest = manifest();
        ((ObjectNode) manifest.get("components").get("vision")).put("file", "other.onnx");

        assertEquals(List.of("/components/vision/file: \"other.onnx\" is not listed in /files"),
                ManifestSchema.problems(manifest));
    }

    @Test
    void unsafeOrDuplicateFilePathsAreRejected() throws IOException {
        ObjectNode manifest = manifest();
        ArrayNode files = (ArrayNode) manifest.get("files");
        files.addObject().put("path", "../outside").put("size", 1).put("sha256", SHA);
        files.addObject().put("path", "vision.onnx").put("size", 1).put("sha256", SHA);

        List<String> problems = ManifestSchema.problems(manifest);

        assertEquals(List.of("/files/1/path: \"../outside\" contains '..' and would leave the target folder",
                "/files/2/path: \"vision.onnx\" is listed twice"), problems);
    }

    @Test
    void gateSummaryIsChecked() throws IOException {
        ObjectNode manifest = manifest();
        ObjectNode validation = manifest.putObject("validation");
        validation.put("passed", true);
        ObjectNode gate = validation.putArray("gates").addObject();
        gate.put("name", "ocrbench.delta").put("value", -1.5).put("threshold", -3.0).put("passed", true);
        gate.putArray("interval").add(-4.0);

        assertEquals(List.of("/validation/gates/0/interval: expected null or [low, high], found array [-4.0]"),
                ManifestSchema.problems(manifest));
    }

    static ObjectNode manifest() throws IOException {
        String json = """
                {"format_version": 1,
                 "model": {"name": "m", "architecture": "magicvl-nano", "model_type": "magicvl"},
                 "source": {"checkpoint": "stage4", "stage": 4, "config_sha256": "%1$s", "weights": {"model.safetensors": "%1$s"}},
                 "toolchain": {"version": "0.1.0", "commit": "abc"},
                 "recipe": {"name": "magicvl-nano", "sha256": "%1$s"},
                 "components": {"vision": {"file": "vision.onnx", "precision": "fp32", "quantization": null,
                   "inputs": [{"name": "pixel_values", "type": "float32", "shape": ["T", 3, 128, 128]}],
                   "outputs": [], "parity": null, "error": null}},
                 "preprocess": {"scheme": "token_level"},
                 "prompt": {"template": "qwen-chat", "eos_token_ids": [258]},
                 "decoder": {"layers": 4, "kv_heads": 2, "head_dim": 32, "hidden_size": 128, "vocab_size": 262},
                 "files": [{"path": "vision.onnx", "size": 10, "sha256": "%1$s"}],
                 "validation": null, "device": null}
                """.formatted(SHA);
        return (ObjectNode) Json.MAPPER.readTree(json);
    }
}
