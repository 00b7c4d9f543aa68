package io.magicvl.converter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.converter.parity.ParityRow;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.export.ExportFolder;
import io.magicvl.core.export.ExportManifest;
import io.magicvl.core.onnx.OnnxFiles;
import io.magicvl.core.synth.SynthSpec;
import io.magicvl.core.synth.SyntheticCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConverterTest {
    @TempDir
    Path dir;

    static List<String> architectures() {
        return SynthSpec.ARCHITECTURES;
    }

    private Path tiny(String architecture) {
        Path folder = dir.resolve("ckpt-" + architecture);
        SyntheticCheckpoint.write(SynthSpec.tiny(architecture), folder, SyntheticCheckpoint.Options.defaults());
        return folder;
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void tinyCheckpointMatchesReference(String architecture) {
        Path checkpoint = tiny(architecture);
        for (String precision : List.of("fp32", "fp16")) {
            Path out = dir.resolve(architecture + "-" + precision);
            Converter.Result result = Converter.convert(new ConvertOptions(checkpoint, out, precision, null,
                    ParityMode.FULL, true));

            assertTrue(result.passed(), architecture + " " + precision + ": " + result.parity());
            assertEquals(List.of("vision", "vision", "embed", "decoder", "decoder", "decoder"),
                    result.parity().stream().map(ParityRow::component).toList());
            for (ParityRow row : result.parity()) {
                assertTrue(row.cosine() > 0.9999, row.toString());
                if (row.component().equals("decoder")) {
                    assertEquals(row.argmaxRows(), row.argmaxAgree(), row.toString());
                }
            }
            assertTrue(ExportFolder.verify(out).isEmpty(), "manifest hashes");
            ExportManifest manifest = ExportFolder.readManifest(out);
            assertEquals(precision, manifest.components().get("decoder").precision());
            assertTrue(manifest.components().get("vision").parity().get("passed").asBoolean());
            Map<String, String> metadata = OnnxFiles.metadata(OnnxFiles.read(out.resolve("decoder.onnx")));
            assertEquals("convert", metadata.get("magicvl.stage"));
            assertEquals(manifest.source().weights().values().iterator().next(),
                    metadata.get("magicvl.source.sha256.model.safetensors"));
            assertTrue(Files.isRegularFile(out.resolve("genai_config.json")));
            assertTrue(Files.isRegularFile(out.resolve("tokenizer.json")));
        }
    }

    @Test
    void configTensorMismatchNamesTensor() throws Exception {
        Path checkpoint = tiny("magicvl-nano");
        Path config = checkpoint.resolve("config.json");
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(config.toFile());
        int hidden = root.path("llm_config").path("intermediate_size").asInt();
        ((ObjectNode) root.get("llm_config")).put("intermediate_size", hidden + 8);
        Files.write(config, Json.PRETTY.writeValueAsBytes(root));

        MagicvlException error = assertThrows(MagicvlException.class, () -> Converter.convert(
                new ConvertOptions(checkpoint, dir.resolve("out"), "fp32", null, ParityMode.OFF, false)));

        assertEquals(MagicvlException.Kind.INVALID_INPUT, error.kind());
        assertTrue(error.getMessage().contains("mlp.gate_proj.weight"), error.getMessage());
        assertTrue(error.getMessage().contains("do not match their config.json"), error.getMessage());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void parityBreachKeepsFolder() throws Exception {
        Path recipe = dir.resolve("strict.yaml");
        Files.writeString(recipe, "convert:\n  thresholds:\n    fp32: {max_abs: 1.0e-12}\n");
        Path out = dir.resolve("strict-out");

        Converter.Result result = Converter.convert(new ConvertOptions(tiny("magicvl-nano"), out, null, recipe, null,
                false));

        assertFalse(result.passed());
        assertEquals(Converter.failedPath(out), result.folder());
        assertFalse(Files.exists(out));
        assertTrue(Files.isRegularFile(result.folder().resolve("decoder.onnx")));
        assertFalse(ExportFolder.readManifest(result.folder()).components().get("decoder").parity().get("passed")
                .asBoolean());
        assertEquals(1.0e-12, result.thresholds().maxAbs());
    }

    @Test
    void existingOutputNeedsForce() throws Exception {
        Path out = dir.resolve("exists");
        Files.createDirectories(out);

        MagicvlException error = assertThrows(MagicvlException.class, () -> Converter.convert(
                new ConvertOptions(dir.resolve("nowhere"), out, "fp32", null, ParityMode.OFF, false)));

        assertTrue(error.getMessage().contains("--force"), error.getMessage());
    }

    @Test
    void invalidPrecisionIsRejected() {
        MagicvlException error = assertThrows(MagicvlException.class, () -> Converter.convert(
                new ConvertOptions(dir.resolve("nowhere"), dir.resolve("o"), "int3", null, ParityMode.OFF, false)));

        assertTrue(error.getMessage().contains("'int3'"), error.getMessage());
    }
}
