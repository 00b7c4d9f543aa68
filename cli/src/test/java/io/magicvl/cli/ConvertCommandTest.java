package io.magicvl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
    @TempDir
    Path dir;

    @Test
    void nanoConvertsWithParityTable() throws Exception {
        Path checkpoint = TestPaths.nanoRun().resolve("stage4-advanced");
        Path out = dir.resolve("export");

        CommandRun run = CommandRun.of("convert", checkpoint.toString(), "--out", out.toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("decoder   cached step 2"), run.out());
        assertTrue(run.out().contains("thresholds (fp32)"), run.out());
        assertTrue(Files.isRegularFile(out.resolve("manifest.json")));

        CommandRun again = CommandRun.of("convert", checkpoint.toString(), "--out", out.toString(), "--json",
                "--parity", "off", "--precision", "fp16", "--force");
        assertEquals(0, again.exitCode(), again.out() + again.err());
        JsonNode json = Json.MAPPER.readTree(again.out());
        assertEquals("fp16", json.get("precision").asText());
        assertEquals("off", json.get("parity_mode").asText());
        assertEquals(0, json.get("parity").size());
        assertTrue(json.get("passed").asBoolean());
    }

    @Test
    void existingOutputExitsTwo() throws Exception {
        Path out = Files.createDirectories(dir.resolve("taken"));

        CommandRun run = CommandRun.of("convert", TestPaths.nanoRun().resolve("stage4-advanced").toString(), "--out",
                out.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--force"), run.err());
    }

    @Test
    void invalidParityModeExitsTwo() {
        CommandRun run = CommandRun.of("convert", dir.toString(), "--out", dir.resolve("o").toString(), "--parity",
                "some");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'some'"), run.err());
        assertFalse(Files.exists(dir.resolve("o")));
    }
}
