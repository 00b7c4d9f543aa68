package io.magicvl.release.steps;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.release.pipeline.RecipeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
    @TempDir
    Path tmp;

    @Test
    void nanoRecipePasses() {
        RecipeFile recipe = RecipeFile.load(TestPaths.repoRoot().resolve("recipes/magicvl-nano.yaml"));

        assertDoesNotThrow(() -> Preflight.check(recipe, null));
    }

    @Test
    void missingBenchmarkFileIsNamed() throws IOException {
        RecipeFile recipe = recipe("validate:\n  benchmarks:\n    - {bench: ocrbench, data: missing.json}\n");

        MagicvlException error = assertThrows(MagicvlException.class, () -> Preflight.check(recipe, null));

        assertEquals(MagicvlException.Kind.INVALID_INPUT, error.kind());
        assertTrue(error.getMessage().contains("validate.benchmarks[0].data"), error.getMessage());
        assertTrue(error.getMessage().contains("missing.json"), error.getMessage());
    }

    @Test
    void stepsAfterStopAreNotChecked() throws IOException {
        RecipeFile recipe = recipe("validate:\n  benchmarks:\n    - {bench: ocrbench, data: missing.json}\n");

        assertDoesNotThrow(() -> Preflight.check(recipe, "quantize"));
        assertThrows(MagicvlException.class, () -> Preflight.check(recipe, "validate"));
    }

    @Test
    void invalidGateIsReportedBeforeAnyStep() throws IOException {
        Path data = Files.writeString(tmp.resolve("bench.json"), "[]");
        RecipeFile recipe = recipe("validate:\n  benchmarks:\n    - {bench: ocrbench, data: " + data.getFileName()
                + "}\ncompare:\n  ocrbench.score: {max_drop: -1}\n");

        MagicvlException error = assertThrows(MagicvlException.class, () -> Preflight.check(recipe, null));

        assertTrue(error.getMessage().contains("ocrbench.score"), error.getMessage());
    }

    private RecipeFile recipe(String sections) throws IOException {
        Path file = tmp.resolve("recipe.yaml");
        Files.writeString(file, "name: preflight\nquantize:\n  components:\n    decoder: {scheme: int4-weight}\n" + sections);
        return RecipeFile.load(file);
    }
}
