package io.magicvl.validator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.testing.TestPaths;
import io.magicvl.validator.data.Bench;
import io.magicvl.validator.score.ScoringMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validation run in a child JVM killed with SIGKILL mid-way, then resumed: the predictions
 * and scores equal those of a run that was never interrupted.
 */
class KilledProcessResumeTest {
    private static final Path OCR = TestPaths.examples().resolve("nano-bench/ocrbench");
    private static final int LIMIT = 30;

    @TempDir
    Path tmp;

    @Test
    void killedRunResumesToSameFile() throws Exception {
        Path export = NanoExports.fp32();
        Path data = OCR.resolve("OCRBench.json");
        Path images = OCR.resolve("images");
        RunResult whole = new ValidationRun(new RunConfig(export, Bench.OCRBENCH, data, images, tmp.resolve("whole"), LIMIT,
                Shard.all(), 1, ScoringMode.OFFICIAL, 24, MissingImagePolicy.FAIL), NanoExports.factory(export)).execute();

        Path out = tmp.resolve("killed");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ChildRunMain.class.getName(), export.toString(), data.toString(), images.toString(), out.toString(),
                String.valueOf(LIMIT))
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile())
                .start();
        Path predictions = out.resolve(RunManifest.PREDICTIONS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (lines(predictions) < 5 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child stopped");
        int afterKill = lines(predictions);
        assertTrue(afterKill >= 5, "child wrote " + afterKill + " lines; log: " + Files.readString(tmp.resolve("child.log")));
        assertTrue(afterKill < LIMIT, "killed before the end, after " + afterKill + " lines");
        Files.writeString(predictions, "{\"pos\": 12, \"pred", StandardOpenOption.APPEND);

        RunResult resumed = new ValidationRun(new RunConfig(export, Bench.OCRBENCH, data, images, out, LIMIT, Shard.all(),
                2, ScoringMode.OFFICIAL, 24, MissingImagePolicy.FAIL), NanoExports.factory(export)).execute();
        assertEquals(LIMIT - afterKill, resumed.stats().itemsRun());
        List<String> expected = RunBookkeepingTest.stableLines(whole.runDir());
        assertEquals(expected, RunBookkeepingTest.stableLines(out));
        assertEquals(whole.score().metrics(), resumed.score().metrics());
    }

    private static int lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        return (int) Files.readString(file, StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
    }
}
