package io.magicvl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command lines a careless user or a hostile file produces: each must exit 2 and keep the inputs. */
class HostileInputTest {
    @TempDir
    Path dir;

    @Test
    void convertOutputOverInputIsRejected() throws Exception {
        Path checkpoint = copyNanoStage();

        CommandRun run = CommandRun.of("convert", checkpoint.toString(), "--out", checkpoint.toString(), "--force");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("would replace the input " + checkpoint), run.err());
        assertTrue(Files.isRegularFile(checkpoint.resolve("model.safetensors")));
    }

    @Test
    void convertOutputAboveInputIsRejected() throws Exception {
        Path checkpoint = copyNanoStage();

        CommandRun run = CommandRun.of("convert", checkpoint.toString(), "--out", dir.toString(), "--force");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("would replace the input"), run.err());
        assertTrue(Files.isRegularFile(checkpoint.resolve("model.safetensors")));
    }

    @Test
    void runDumpOverExportIsRejected() throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        Path manifest = Files.writeString(export.resolve("manifest.json"), "{}");

        CommandRun run = CommandRun.of("run", export.toString(), "--question", "Q", "--dump", export.toString(),
                "--force");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("would replace the input " + export), run.err());
        assertTrue(Files.exists(manifest));
    }

    @Test
    void packIntoExportFolderIsRejected() throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        Files.writeString(export.resolve("manifest.json"), "{}");
        Path bundle = export.resolve("model.tar.zst");

        CommandRun run = CommandRun.of("pack", export.toString(), "--out", bundle.toString());

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("is inside the input folder " + export), run.err());
        assertTrue(Files.notExists(bundle));
    }

    @Test
    void synthOutputUnderFileIsInvalid() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");

        CommandRun run = CommandRun.of("synth", "--arch", "magicvl-nano", "--tiny", "--out",
                file.resolve("tiny").toString());

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(file + " is a file"), run.err());
    }

    @Test
    void validateOutputUnderFileIsInvalid() throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        Files.writeString(export.resolve("manifest.json"), "{}");
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        Path bench = TestPaths.examples().resolve("nano-bench/ocrbench");

        CommandRun run = CommandRun.of("validate", export.toString(), "--bench", "ocrbench", "--data",
                bench.resolve("OCRBench.json").toString(), "--images", bench.resolve("images").toString(), "--out",
                file.resolve("run").toString(), "--limit", "1");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(file + " is a file"), run.err());
    }

    @Test
    void deviceBenchOutputOverExportIsRejected() throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        Path manifest = Files.writeString(export.resolve("manifest.json"), "{}");
        Path profile = TestPaths.examples().resolveSibling("recipes/devices/local.yaml");

        CommandRun run = CommandRun.of("device", "bench", export.toString(), "--out", export.toString(), "--force",
                "--profile", profile.toString(), "--runs", "1");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("would replace the input " + export), run.err());
        assertTrue(Files.exists(manifest));
    }

    @Test
    void recipeFolderIsInvalid() {
        CommandRun release = CommandRun.of("release", dir.toString());
        CommandRun audit = CommandRun.of("audit", TestPaths.nanoRun().toString(), "--recipe", dir.toString());

        assertEquals(2, release.exitCode(), release.err());
        assertTrue(release.err().contains("Recipe " + dir + " is a folder"), release.err());
        assertEquals(2, audit.exitCode(), audit.err());
        assertTrue(audit.err().contains("Recipe " + dir + " is a folder"), audit.err());
    }

    @Test
    void releaseOutputUnderFileIsInvalid() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        Path recipe = TestPaths.examples().resolveSibling("recipes/magicvl-nano.yaml");

        CommandRun run = CommandRun.of("release", recipe.toString(), "--out", file.resolve("release").toString());

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(file + " is a file"), run.err());
    }

    @Test
    void hugeThreadCountsAreRejected() {
        Path missing = dir.resolve("no-export");

        CommandRun run = CommandRun.of("run", missing.toString(), "--question", "Q", "--threads", "100000");
        CommandRun quantize = CommandRun.of("quantize", missing.toString(), "--recipe", "r.yaml", "--out",
                dir.resolve("q").toString(), "--threads", "100000");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("at most 256, got 100000"), run.err());
        assertEquals(2, quantize.exitCode(), quantize.err());
        assertTrue(quantize.err().contains("at most 256, got 100000"), quantize.err());
    }

    private Path copyNanoStage() throws Exception {
        Path source = TestPaths.nanoRun().resolve("stage4-advanced");
        Path copy = Files.createDirectories(dir.resolve("checkpoint"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    @Test
    void deviceBenchZeroRunsIsInvalid() throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        Path profile = TestPaths.examples().resolveSibling("recipes/devices/local.yaml");

        CommandRun run = CommandRun.of("device", "bench", export.toString(), "--out", dir.resolve("bench").toString(),
                "--profile", profile.toString(), "--runs", "0");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--runs must be at least 1, got 0"), run.err());
    }

    @Test
    void scoreRejectsJsonArrayPredictions() throws Exception {
        Path data = TestPaths.examples().resolve("nano-bench/ocrbench/OCRBench.json");
        Path predictions = Files.writeString(dir.resolve("predictions.json"), "[{\"pos\": 0, \"prediction\": \"a\"}]");

        CommandRun run = CommandRun.of("score", "--bench", "ocrbench", "--data", data.toString(), "--predictions",
                predictions.toString(), "--mode", "official");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("The last line of " + predictions + " is not a JSON object"), run.err());
    }
}
