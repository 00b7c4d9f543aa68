package io.magicvl.validator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.validator.data.Bench;
import io.magicvl.validator.score.ScoringMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run rejected for missing images before any item ran leaves no run folder behind, so the
 * corrected command (right --images, or another export) is not refused as a different run.
 */
class MissingImagesFolderTest {
    private static final Path OCR = TestPaths.examples().resolve("nano-bench/ocrbench");

    @TempDir
    Path tmp;

    private RunConfig config(Path export, Path images, Path out) {
        return new RunConfig(export, Bench.OCRBENCH, OCR.resolve("OCRBench.json"), images, out, 3, Shard.all(), 1,
                ScoringMode.OFFICIAL, 24, MissingImagePolicy.FAIL);
    }

    @Test
    void failedImageCheckLeavesNoFolder() throws Exception {
        Path out = tmp.resolve("run");
        Path exportA = DeterministicTestModel.fakeExport(tmp.resolve("export-a"), "a");
        Path exportB = DeterministicTestModel.fakeExport(tmp.resolve("export-b"), "b");

        MagicvlException error = assertThrows(MagicvlException.class,
                () -> new ValidationRun(config(exportA, tmp.resolve("no-images"), out),
                        () -> new DeterministicTestModel(exportA, 0)).execute());
        assertEquals(MagicvlException.Kind.INVALID_INPUT, error.kind());
        assertTrue(error.getMessage().contains("--on-missing-image skip"), error.getMessage());
        assertFalse(Files.exists(out), "the rejected run left " + out);

        RunResult rerun = new ValidationRun(config(exportB, OCR.resolve("images"), out),
                () -> new DeterministicTestModel(exportB, 0)).execute();
        assertEquals(3, rerun.selected());
        assertTrue(rerun.complete(), "the corrected run predicted " + rerun.predicted() + " of 3 items");
    }
}
