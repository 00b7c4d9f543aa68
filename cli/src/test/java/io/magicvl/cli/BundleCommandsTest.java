package io.magicvl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pack, verify and unpack on a real export of the nano checkpoint, through the command line. */
class BundleCommandsTest {
    @TempDir
    static Path shared;

    static Path export;

    @TempDir
    Path dir;

    @BeforeAll
    static void convertNano() {
        export = shared.resolve("export");
        CommandRun run = CommandRun.of("convert", TestPaths.nanoRun().resolve("stage4-advanced").toString(),
                "--out", export.toString(), "--parity", "off");
        assertEquals(0, run.exitCode(), run.out() + run.err());
    }

    @Test
    void packTwiceGivesSameBytes() throws IOException {
        CommandRun first = CommandRun.of("pack", export.toString(), "--out", dir.resolve("a.tar.zst").toString());
        CommandRun second = CommandRun.of("pack", export.toString(), "--out", dir.resolve("b.tar.zst").toString(), "--json");

        assertEquals(0, first.exitCode(), first.err());
        assertEquals(0, second.exitCode(), second.err());
        assertEquals(-1L, Files.mismatch(dir.resolve("a.tar.zst"), dir.resolve("b.tar.zst")));
        JsonNode json = Json.MAPPER.readTree(second.out());
        assertTrue(first.out().contains(json.get("sha256").asText()), first.out());
    }

    @Test
    void verifyNamesTamperedFile() throws IOException {
        Path bundle = dir.resolve("b.tar.zst");
        assertEquals(0, CommandRun.of("pack", export.toString(), "--out", bundle.toString()).exitCode());
        CommandRun good = CommandRun.of("verify", bundle.toString());
        assertEquals(0, good.exitCode(), good.out() + good.err());
        assertTrue(good.out().startsWith("OK "), good.out());

        Path copy = dir.resolve("copy");
        assertEquals(0, CommandRun.of("unpack", bundle.toString(), "--out", copy.toString()).exitCode());
        byte[] bytes = Files.readAllBytes(copy.resolve("tokenizer.json"));
        bytes[10] ^= 0x20;
        Files.write(copy.resolve("tokenizer.json"), bytes);
        CommandRun bad = CommandRun.of("verify", copy.toString(), "--json");

        assertEquals(1, bad.exitCode(), bad.out() + bad.err());
        JsonNode report = Json.MAPPER.readTree(bad.out());
        assertFalse(report.get("ok").asBoolean());
        assertEquals("tokenizer.json", report.get("problems").get(0).get("path").asText());
    }

    @Test
    void unpackKeepsExistingFolder() throws IOException {
        Path bundle = dir.resolve("b.tar.zst");
        assertEquals(0, CommandRun.of("pack", export.toString(), "--out", bundle.toString()).exitCode());
        Path target = Files.createDirectories(dir.resolve("target"));

        CommandRun run = CommandRun.of("unpack", bundle.toString(), "--out", target.toString());

        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("--force"), run.err());
    }

    @Test
    void releaseRejectsUnknownStopAfter() {
        CommandRun run = CommandRun.of("release", TestPaths.repoRoot().resolve("recipes/magicvl-nano.yaml").toString(),
                "--out", dir.resolve("out").toString(), "--stop-after", "quantise");

        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("quantise"), run.err());
    }
}
