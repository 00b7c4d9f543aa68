package io.magicvl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InspectCommandTest {
    private static final Path NANO = TestPaths.nanoRun().resolve("stage4-advanced");

    /** Parameter counts per component, computed from config.json with the SigLIP/mlp1/Qwen3 formulas. */
    private static Map<String, Long> countsFromConfig() throws IOException {
        JsonNode config = Json.MAPPER.readTree(NANO.resolve("config.json").toFile());
        JsonNode v = config.get("vision_config");
        JsonNode l = config.get("llm_config");
        long vh = v.get("hidden_size").longValue();
        long vf = v.get("intermediate_size").longValue();
        long patch = v.get("patch_size").longValue();
        long grid = config.get("force_image_size").longValue() / patch;
        long visionLayer = 4 * vh + 4 * (vh * vh + vh) + 2 * vh * vf + vf + vh;
        long vision = vh * 3 * patch * patch + vh + grid * grid * vh + v.get("num_hidden_layers").longValue() * visionLayer
                + 2 * vh;
        long merge = Math.round(1 / config.get("downsample_ratio").doubleValue());
        long in = vh * merge * merge;
        long h = l.get("hidden_size").longValue();
        long projector = 2 * in + in * h + h + h * h + h;
        long hd = l.get("head_dim").longValue();
        long q = l.get("num_attention_heads").longValue() * hd;
        long kv = l.get("num_key_value_heads").longValue() * hd;
        long decoderLayer = 2 * h + 2 * q * h + 2 * kv * h + 2 * hd + 3 * l.get("intermediate_size").longValue() * h;
        Map<String, Long> counts = new HashMap<>();
        counts.put("vision", vision);
        counts.put("projector", projector);
        counts.put("embeddings", l.get("vocab_size").longValue() * h);
        counts.put("decoder", l.get("num_hidden_layers").longValue() * decoderLayer + h);
        return counts;
    }

    @Test
    void jsonCountsMatchConfig() throws IOException {
        CommandRun run = CommandRun.of("inspect", "--json", NANO.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = Json.MAPPER.readTree(run.out());
        Map<String, Long> expected = countsFromConfig();
        long total = 0;
        for (JsonNode component : report.get("components")) {
            String name = component.get("component").textValue();
            assertEquals(expected.get(name), component.get("parameters").longValue(), name);
            total += expected.get(name);
        }
        assertEquals(expected.size(), report.get("components").size());
        assertEquals(total, report.get("total_parameters").longValue());
        assertTrue(report.get("lm_head_tied").booleanValue());
        assertEquals(261, report.get("tokenizer").get("img_context_id").intValue(), "id from config.json");
        assertEquals(64, report.get("files").get(1).get("sha256").textValue().length());
    }

    @Test
    void textShowsCounts() throws IOException {
        CommandRun run = CommandRun.of("inspect", NANO.toString());
        assertEquals(0, run.exitCode(), run.err());
        for (Map.Entry<String, Long> entry : countsFromConfig().entrySet()) {
            assertTrue(run.out().contains(String.format("%,d", entry.getValue())), entry + "\n" + run.out());
        }
        assertTrue(run.out().contains("tied"), run.out());
    }

    @Test
    void missingFolderIsInvalidInput() {
        CommandRun run = CommandRun.of("inspect", "/nonexistent/checkpoint");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("/nonexistent/checkpoint"), run.err());
    }

    @Test
    void runFolderIsInvalidInput() {
        CommandRun run = CommandRun.of("inspect", TestPaths.nanoRun().toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("config.json"), run.err());
    }
}
