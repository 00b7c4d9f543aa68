package io.magicvl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.safetensors.SafetensorsFile;
import io.magicvl.core.testing.TestPaths;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
    @TempDir
    Path dir;

    @Test
    void nanoRunPasses() throws IOException {
        CommandRun run = CommandRun.of("audit", TestPaths.nanoRun().toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("PASSED"), run.out());

        CommandRun json = CommandRun.of("audit", "--json", TestPaths.nanoRun().toString());
        JsonNode report = Json.MAPPER.readTree(json.out());
        assertEquals(5, report.get("stages").size());
        assertEquals(0, report.get("violations").size());
    }

    @Test
    void frozenChangeExitsOne() throws IOException {
        Path run = dir.resolve("run");
        try (Stream<Path> files = Files.walk(TestPaths.nanoRun())) {
            for (Path source : files.toList()) {
                Path target = run.resolve(TestPaths.nanoRun().relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        String tensor = "language_model.model.norm.weight";
        Path file = run.resolve("stage2-visual/model.safetensors");
        long offset;
        try (SafetensorsFile safetensors = SafetensorsFile.open(file)) {
            offset = safetensors.dataStart() + safetensors.dataOffset(tensor);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int low = raf.read();
            raf.seek(offset);
            raf.write(low ^ 1);
        }
        CommandRun result = CommandRun.of("audit", run.toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.out().contains("VIOLATION stage2-visual") && result.out().contains(tensor), result.out());
        assertFalse(result.out().contains("PASSED"));
    }

    @Test
    void badRecipeIsInvalidInput() throws IOException {
        Path recipe = dir.resolve("bad.yaml");
        Files.writeString(recipe, "audit:\n  trainable:\n    \"1\": [vision]\n  allow_zero: []\n");
        CommandRun run = CommandRun.of("audit", "--recipe", recipe.toString(), TestPaths.nanoRun().toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("audit.allow_zero") && run.err().contains("allow_all_zero"), run.err());
    }
}
