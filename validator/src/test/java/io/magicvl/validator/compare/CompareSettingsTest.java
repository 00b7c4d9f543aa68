package io.magicvl.validator.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gates from a recipe's compare section or a standalone file, and McNemar's test. */
class CompareSettingsTest {
    @TempDir
    Path tmp;

    @Test
    void readsRecipeSection() throws IOException {
        Path recipe = Files.writeString(tmp.resolve("recipe.yaml"), """
                name: nano
                compare:
                  seed: 5
                  bootstrap: 300
                  rule: point
                  ocrbench.score: {max_drop: 10}
                  hallusionbench.mean: {max_drop: 1.5, rule: upper_bound}
                """);
        CompareSettings settings = CompareSettings.read(recipe);
        assertEquals(5, settings.seed());
        assertEquals(300, settings.bootstrap());
        assertEquals(0.95, settings.confidence());
        assertEquals(GateRule.POINT, settings.gates().get("ocrbench.score").rule());
        assertEquals(10.0, settings.gates().get("ocrbench.score").maxDrop());
        assertEquals(GateRule.UPPER_BOUND, settings.gates().get("hallusionbench.mean").rule());
        assertEquals(1.5, settings.gates().get("hallusionbench.mean").maxDrop());
    }

    @Test
    void projectRecipesBind() {
        for (String name : new String[] {"magicvl-nano.yaml", "magicvl-2b.yaml"}) {
            CompareSettings settings = CompareSettings.fromRecipe(
                    io.magicvl.core.recipe.Recipe.load(TestPaths.repoRoot().resolve("recipes").resolve(name)));
            assertTrue(settings.gates().containsKey("ocrbench.score"), name);
            assertTrue(settings.gates().containsKey("hallusionbench.mean"), name);
        }
    }

    @Test
    void readsStandaloneFile() throws IOException {
        Path gates = Files.writeString(tmp.resolve("gates.yaml"), "ocrbench.score: {max_drop: 3}\n");
        CompareSettings settings = CompareSettings.read(gates);
        assertEquals(GateRule.UPPER_BOUND, settings.gates().get("ocrbench.score").rule());
        assertEquals(CompareSettings.DEFAULT_SEED, settings.seed());
    }

    @Test
    void rejectsBadGates() throws IOException {
        Path noDrop = Files.writeString(tmp.resolve("a.yaml"), "ocrbench.score: {max: 3}\n");
        MagicvlException missing = assertThrows(MagicvlException.class, () -> CompareSettings.read(noDrop));
        assertTrue(missing.getMessage().contains("'ocrbench.score' needs a numeric max_drop"), missing.getMessage());
        Path badRule = Files.writeString(tmp.resolve("b.yaml"), "ocrbench.score: {max_drop: 3, rule: mean}\n");
        MagicvlException rule = assertThrows(MagicvlException.class, () -> CompareSettings.read(badRule));
        assertTrue(rule.getMessage().contains("unknown rule 'mean'"), rule.getMessage());
        Path typo = Files.writeString(tmp.resolve("c.yaml"), "seeds: 3\n");
        MagicvlException unknown = assertThrows(MagicvlException.class, () -> CompareSettings.read(typo));
        assertTrue(unknown.getMessage().contains("unknown compare setting 'seeds'"), unknown.getMessage());
    }

    @Test
    void mcnemarExactForFewDiscordantItems() {
        // 1 broken, 5 fixed: two-sided exact p = 2 * (C(6,0) + C(6,1)) / 2^6 = 14 / 64.
        McNemar test = McNemar.test(1, 5);
        assertEquals("exact-binomial", test.method());
        assertEquals(14.0 / 64.0, test.pValue(), 1e-15);
        assertEquals(1.0, McNemar.test(3, 3).pValue(), 1e-15);
        assertEquals(1.0, McNemar.test(0, 0).pValue());
    }

    @Test
    void mcnemarChiSquareForManyDiscordantItems() {
        // 10 broken, 30 fixed: (|10 - 30| - 1)^2 / 40 = 9.025; P(chi2_1 > 9.025) = erfc(sqrt(9.025 / 2)).
        McNemar test = McNemar.test(10, 30);
        assertEquals("chi-square-corrected", test.method());
        assertEquals(9.025, test.statistic(), 1e-12);
        assertEquals(0.0026640, test.pValue(), 1e-6);
        // Small statistic takes the series branch: P(chi2_1 > 0.1) = 0.751830.
        assertEquals(0.7518296, McNemar.chiSquareOneDfUpperTail(0.1), 1e-6);
    }
}
