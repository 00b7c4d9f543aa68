package io.magicvl.quantizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.export.ExportFolder;
import io.magicvl.core.export.ExportManifest;
import io.magicvl.quantizer.recipe.QuantizePlan;
import io.magicvl.quantizer.recipe.QuantizeSection;
import io.magicvl.quantizer.recipe.RecipeSections;
import io.magicvl.quantizer.report.QuantizeReport;
import io.magicvl.quantizer.report.WeightReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportQuantizerTest {
    @TempDir
    Path dir;

    private QuantizeReport quantize(Path export, String yaml, Path out) {
        QuantizeSection section = RecipeSections.yamlValue(yaml, QuantizeSection.class);
        if (section.calibration.cacheDir == null) {
            section.calibration.cacheDir = dir.resolve("cache").toString();
        }
        return new ExportQuantizer(QuantizePlan.of(section), 1).quantize(export, out, false,
                new ExportQuantizer.RecipeInfo("test", "0".repeat(64)));
    }

    @Test
    void int8VisionInt4DecoderWritesReportAndManifest() throws Exception {
        Path export = SyntheticExport.write(dir.resolve("export"), 1, -1);
        Path out = dir.resolve("quantized");

        QuantizeReport report = quantize(export, """
                components:
                  vision: {scheme: int8-weight}
                  embed: {scheme: int8-weight}
                  decoder: {scheme: int4-weight, block_size: 32, accuracy_level: 0}
                  lm_head: {scheme: int8-weight}
                """, out);

        assertTrue(ExportFolder.verify(out).isEmpty(), "verify: " + ExportFolder.verify(out));
        ExportManifest manifest = ExportFolder.readManifest(out);
        assertEquals("int4-weight", manifest.components().get("decoder").quantization().path("scheme").asText());
        assertEquals(0, manifest.components().get("decoder").quantization().path("settings").path("accuracy_level").asInt());
        assertEquals("split", manifest.components().get("decoder").quantization().path("tied_embeddings").asText());
        JsonNode decoderError = manifest.components().get("decoder").error();
        assertTrue(decoderError.path("top1_agreement").asDouble() > 0.5, "decoder error " + decoderError);
        assertTrue(decoderError.path("kl_divergence").asDouble() >= 0, "decoder error " + decoderError);
        assertTrue(manifest.components().get("vision").error().path("cosine").asDouble() > 0.99);
        assertTrue(Files.exists(out.resolve("tokenizer.json")));

        Map<String, String> schemes = report.weights().stream()
                .collect(Collectors.toMap(w -> w.component() + ":" + w.name(), WeightReport::scheme));
        assertEquals("int8-weight reduced dynamic", schemes.get("projector:mlp1.1.weight"));
        assertEquals("int8-weight reduced dynamic", schemes.get("lm_head:" + SyntheticExport.TABLE));
        assertEquals("int8-weight full dequantize", schemes.get("embed:" + SyntheticExport.TABLE));
        assertEquals("int4-weight b4 bs32 sym acc0",
                schemes.get("decoder:language_model.model.layers.0.mlp.up_proj.weight"));
        for (String component : new String[] {"vision", "embed", "decoder"}) {
            assertTrue(report.components().get(component).bytesAfter() < report.components().get(component).bytesBefore(),
                    component + " did not shrink");
        }
    }

    @Test
    void sqnrDecreasesAsBitsDecrease() throws Exception {
        Path export = SyntheticExport.write(dir.resolve("export"), 2, -1);
        double fp16 = meanDecoderSqnr(export, "{scheme: fp16}", "fp16");
        double int8 = meanDecoderSqnr(export, "{scheme: int8-weight}", "int8");
        double int4 = meanDecoderSqnr(export, "{scheme: int4-weight, block_size: 32}", "int4");

        assertTrue(fp16 > int8, "fp16 " + fp16 + " dB, int8 " + int8 + " dB");
        assertTrue(int8 > int4, "int8 " + int8 + " dB, int4 " + int4 + " dB");
    }

    private double meanDecoderSqnr(Path export, String scheme, String name) {
        QuantizeReport report = quantize(export, "components:\n  decoder: " + scheme + "\n", dir.resolve("out-" + name));
        return report.weights().stream().mapToDouble(WeightReport::sqnrDb).average().orElseThrow();
    }

    @Test
    void int8StaticReusesCachedCalibration() throws Exception {
        Path export = SyntheticExport.write(dir.resolve("export"), 3, -1);
        String recipe = """
                components:
                  vision: {scheme: int8-static}
                calibration: {method: percentile, percentile: 99.9, samples: 2}
                """;
        QuantizeReport first = quantize(export, recipe, dir.resolve("first"));
        long cached;
        try (var files = Files.list(dir.resolve("cache"))) {
            cached = files.count();
        }
        assertEquals(1, cached);
        Path cacheFile;
        try (var files = Files.list(dir.resolve("cache"))) {
            cacheFile = files.findFirst().orElseThrow();
        }
        long modified = Files.getLastModifiedTime(cacheFile).toMillis();

        QuantizeReport second = quantize(export, recipe + "overrides:\n  - {pattern: \"mlp1.*\", scheme: fp32}\n",
                dir.resolve("second"));

        assertEquals(modified, Files.getLastModifiedTime(cacheFile).toMillis(), "the cache was rewritten");
        assertEquals(first.weights().size() - 2, second.weights().size());
        assertNotNull(second.components().get("vision").error());
        assertTrue(second.components().get("vision").error().cosine() > 0.98,
                "cosine " + second.components().get("vision").error().cosine());
        JsonNode calibration = Json.MAPPER.readTree(dir.resolve("second/manifest.json").toFile())
                .path("components").path("vision").path("quantization").path("calibration");
        assertEquals("percentile", calibration.path("method").asText());
    }

    @Test
    void unknownSchemeFailsBeforeWork() throws Exception {
        Path out = dir.resolve("never");
        MagicvlException error = assertThrows(MagicvlException.class, () -> quantize(dir.resolve("missing"),
                "components:\n  decoder: {scheme: int3-weight}\n", out));
        assertTrue(error.getMessage().contains("int3-weight"), error.getMessage());
        assertTrue(error.getMessage().contains("int4-weight"), error.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void impossibleBlockSizeFailsBeforeWork() {
        MagicvlException error = assertThrows(MagicvlException.class, () -> quantize(dir.resolve("missing"),
                "components:\n  decoder: {scheme: int4-weight, block_size: 48}\n", dir.resolve("never")));
        assertTrue(error.getMessage().contains("quantize.components.decoder.block_size"), error.getMessage());
        assertTrue(error.getMessage().contains("48"), error.getMessage());
        assertTrue(error.getMessage().contains("[16, 32, 64, 128, 256]"), error.getMessage());
    }

    @Test
    void existingOutputNeedsForce() throws Exception {
        Path export = SyntheticExport.write(dir.resolve("export"), 4, -1);
        Path out = Files.createDirectories(dir.resolve("taken"));

        MagicvlException error = assertThrows(MagicvlException.class,
                () -> quantize(export, "components:\n  embed: {scheme: fp16}\n", out));

        assertTrue(error.getMessage().contains("--force"), error.getMessage());
    }
}
