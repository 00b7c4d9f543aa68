package io.magicvl.release.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseSettingsTest {
    @TempDir
    Path tmp;

    @Test
    void missingSectionGivesDefaults() throws IOException {
        RecipeFile recipe = recipe("name: plain\n");

        ReleaseSettings settings = ReleaseSettings.of(recipe);

        assertEquals("plain.tar.zst", settings.bundleName(recipe));
        assertEquals(ReleaseSettings.CONVERTED, settings.baseline());
        assertEquals(Path.of("runs", "plain-release").toAbsolutePath(), Release.defaultOutDir(recipe.path()));
    }

    @Test
    void unknownKeyIsRejectedWithItsPath() throws IOException {
        RecipeFile recipe = recipe("name: x\nrelease:\n  bundel: x.tar.zst\n");

        MagicvlException error = assertThrows(MagicvlException.class, () -> ReleaseSettings.of(recipe));

        assertTrue(error.getMessage().contains("release.bundel"), error.getMessage());
    }

    @Test
    void bundleNameWithFolderIsRejected() throws IOException {
        RecipeFile recipe = recipe("name: x\nrelease:\n  bundle: ../x.tar.zst\n");

        MagicvlException error = assertThrows(MagicvlException.class, () -> ReleaseSettings.of(recipe).bundleName(recipe));

        assertTrue(error.getMessage().contains("release.bundle"), error.getMessage());
        assertTrue(error.getMessage().contains("../x.tar.zst"), error.getMessage());
    }

    @Test
    void outIsResolvedAgainstRecipeFolder() throws IOException {
        RecipeFile recipe = recipe("name: x\nrelease:\n  out: ../runs/x\n");

        assertEquals(tmp.getParent().resolve("runs/x"), Release.defaultOutDir(recipe.path()));
    }

    @Test
    void everyBundledRecipeHasValidReleaseSection() throws IOException {
        try (var files = Files.list(TestPaths.repoRoot().resolve("recipes"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                RecipeFile recipe = RecipeFile.load(file);
                ReleaseSettings settings = ReleaseSettings.of(recipe);
                assertEquals(recipe.name() + ".tar.zst", settings.bundleName(recipe), file.toString());
            }
        }
    }

    @Test
    void checkpointStageIsFoundByNumber() {
        RecipeFile recipe = RecipeFile.load(TestPaths.repoRoot().resolve("recipes/magicvl-nano.yaml"));

        Path checkpoint = CheckpointLocator.locate(recipe, null);

        assertEquals(TestPaths.nanoRun().resolve("stage4-advanced"), checkpoint);
        assertEquals(TestPaths.nanoRun().resolve("stage4-advanced"), CheckpointLocator.locate(recipe, TestPaths.nanoRun()));
        assertEquals(TestPaths.nanoRun().resolve("stage2-visual"),
                CheckpointLocator.locate(recipe, TestPaths.nanoRun().resolve("stage2-visual")));
    }

    @Test
    void missingStageIsNamed() {
        MagicvlException error = assertThrows(MagicvlException.class,
                () -> CheckpointLocator.stageFolder(TestPaths.nanoRun(), "9"));

        assertTrue(error.getMessage().contains("Stage 9 not found"), error.getMessage());
        assertTrue(error.getMessage().contains("stage4-advanced"), error.getMessage());
    }

    private RecipeFile recipe(String yaml) throws IOException {
        Path file = tmp.resolve("recipe.yaml");
        Files.writeString(file, yaml);
        return RecipeFile.load(file);
    }
}
