package io.magicvl.core.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeTest {
    @TempDir
    Path dir;

    /** A section class with nested maps, as other modules write them. */
    record Scheme(String scheme, int blockSize) {}

    record Quantize(Map<String, Scheme> components, List<String> exclude) {}

    private Recipe recipe(String yaml) throws IOException {
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, yaml);
        return Recipe.load(file);
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void shippedRecipesLoad() throws IOException {
        try (Stream<Path> files = Files.list(TestPaths.repoRoot().resolve("recipes"))) {
            List<Path> recipes = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertTrue(recipes.size() >= 4, recipes.toString());
            for (Path file : recipes) {
                Recipe recipe = Recipe.load(file);
                recipe.section("model", ModelSection.class).validate(recipe);
                CheckpointSection checkpoint = recipe.section("checkpoint", CheckpointSection.class);
                assertTrue(checkpoint.run() != null && !checkpoint.run().isBlank(), file.toString());
                recipe.findSection("audit", AuditSection.class);
            }
        }
    }

    @Test
    void nanoRecipePointsAtExamples() {
        Recipe recipe = Recipe.load(TestPaths.repoRoot().resolve("recipes/magicvl-nano.yaml"));
        CheckpointSection checkpoint = recipe.section("checkpoint", CheckpointSection.class);
        assertEquals(TestPaths.nanoRun(), recipe.resolve(checkpoint.run()));
        assertEquals("4", checkpoint.stage());
        assertEquals("magicvl-nano", recipe.name());
    }

    @Test
    void unknownTopLevelKey() throws IOException {
        MagicvlException error = assertThrows(MagicvlException.class, () -> recipe("model:\n  architecture: x\nquantise: {}\n"));
        assertMentions(error.getMessage(), "'quantise'", dir.resolve("r.yaml").toString(), "quantize", "release");
    }

    @Test
    void unknownNestedKeyNamesFullPath() throws IOException {
        Recipe recipe = recipe("quantize:\n  components:\n    vision:\n      scheme: int8\n      shceme: int4\n");
        MagicvlException error = assertThrows(MagicvlException.class, () -> recipe.section("quantize", Quantize.class));
        assertMentions(error.getMessage(), "'quantize.components.vision.shceme'", "r.yaml", "block_size", "scheme");
    }

    @Test
    void wrongTypeNamesFullPath() throws IOException {
        Recipe recipe = recipe("quantize:\n  components:\n    vision:\n      scheme: int4\n      block_size: big\n");
        MagicvlException error = assertThrows(MagicvlException.class, () -> recipe.section("quantize", Quantize.class));
        assertMentions(error.getMessage(), "quantize.components.vision.block_size", "r.yaml");

        Recipe quoted = recipe("quantize:\n  components:\n    vision:\n      block_size: \"32\"\n");
        error = assertThrows(MagicvlException.class, () -> quoted.section("quantize", Quantize.class));
        assertMentions(error.getMessage(), "quantize.components.vision.block_size");
    }

    @Test
    void bindsSnakeCaseKeys() throws IOException {
        Recipe recipe = recipe("quantize:\n  components:\n    vision: {scheme: int4, block_size: 32}\n  exclude: [lm_head]\n");
        Quantize quantize = recipe.section("quantize", Quantize.class);
        assertEquals(new Scheme("int4", 32), quantize.components().get("vision"));
        assertEquals(List.of("lm_head"), quantize.exclude());
        assertNull(recipe.section("device", Quantize.class));
    }

    @Test
    void missingRequiredAndUnknownArchitecture() throws IOException {
        Recipe missing = recipe("checkpoint:\n  stage: 4\n");
        MagicvlException error = assertThrows(MagicvlException.class,
                () -> missing.section("checkpoint", CheckpointSection.class));
        assertMentions(error.getMessage(), "checkpoint", "run");

        Recipe unknown = recipe("model:\n  architecture: llava\n");
        error = assertThrows(MagicvlException.class, () -> unknown.section("model", ModelSection.class).validate(unknown));
        assertMentions(error.getMessage(), "model.architecture", "'llava'", "magicvl-2b");
    }

    @Test
    void invalidYamlAndDuplicateKeys() throws IOException {
        MagicvlException error = assertThrows(MagicvlException.class, () -> recipe("model: [unclosed\n"));
        assertMentions(error.getMessage(), "Invalid YAML", "r.yaml");
        error = assertThrows(MagicvlException.class, () -> recipe("name: a\nname: b\n"));
        assertMentions(error.getMessage(), "Invalid YAML", "name");
        error = assertThrows(MagicvlException.class, () -> recipe("- a\n- b\n"));
        assertMentions(error.getMessage(), "mapping");
        error = assertThrows(MagicvlException.class, () -> Recipe.load(dir.resolve("missing.yaml")));
        assertMentions(error.getMessage(), "not found", "missing.yaml");
    }

    @Test
    void hashAndRelativePaths() throws IOException, NoSuchAlgorithmException {
        Recipe recipe = recipe("name: x\ncheckpoint:\n  run: runs/a\n");
        byte[] bytes = Files.readAllBytes(dir.resolve("r.yaml"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), recipe.sha256());
        assertEquals(dir.resolve("runs/a").toAbsolutePath().normalize(), recipe.resolve("runs/a"));
        assertEquals(Path.of("/abs/b"), recipe.resolve("/abs/b"));
    }
}
