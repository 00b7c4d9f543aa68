package io.magicvl.quantizer.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.quantizer.ExportQuantizer;
import io.magicvl.quantizer.SyntheticExport;
import io.magicvl.quantizer.recipe.QuantizePlan;
import io.magicvl.quantizer.recipe.QuantizeSection;
import io.magicvl.quantizer.recipe.RecipeSections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensitivityAnalysisTest {
    private static final String FRAGILE = "language_model.model.layers.2.*";

    @TempDir
    Path dir;

    private List<SensitivityReport> analyse(Double budget, Path out) throws Exception {
        Path export = SyntheticExport.write(dir.resolve("export"), 5, 2);
        QuantizeSection section = RecipeSections.yamlValue("""
                components:
                  decoder: {scheme: int4-weight, block_size: 32}
                  lm_head: {scheme: fp32}
                """, QuantizeSection.class);
        return new ExportQuantizer(QuantizePlan.of(section), 1).sensitivity(export, out, budget, false, false);
    }

    @Test
    void fragileLayerRanksFirst() throws Exception {
        List<SensitivityReport> reports = analyse(null, dir.resolve("ranking"));

        assertEquals(1, reports.size());
        SensitivityReport decoder = reports.get(0);
        assertEquals("decoder", decoder.component());
        assertEquals("kl_divergence", decoder.metric());
        assertEquals(4, decoder.groups().size(), "4 layers: " + decoder.groups());
        assertEquals(FRAGILE, decoder.groups().get(0).pattern(), "ranking " + decoder.groups());
        assertTrue(decoder.groups().get(0).error() > 2 * decoder.groups().get(1).error(), "ranking " + decoder.groups());
        assertTrue(Files.exists(dir.resolve("ranking/sensitivity.json")));
    }

    @Test
    void budgetKeepsFragileLayerAtInt8() throws Exception {
        List<SensitivityReport> ranking = analyse(null, dir.resolve("ranking"));
        SensitivityReport decoder = ranking.get(0);
        // A budget just below the full error with every group at int4 must be met by keeping the fragile layer.
        double budget = decoder.fullError() - 0.5 * decoder.groups().get(0).error();
        Files.walk(dir.resolve("export")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());

        SensitivityReport chosen = analyse(budget, dir.resolve("budget")).get(0);

        assertEquals(FRAGILE, chosen.kept().get(0), "kept " + chosen.kept());
        assertTrue(chosen.budgetMet(), "error " + chosen.chosenError() + " budget " + budget);
        String yaml = Files.readString(dir.resolve("budget/overrides.yaml"));
        assertTrue(yaml.contains("{pattern: \"" + FRAGILE + "\", scheme: int8-weight}"), yaml);
        QuantizeSection reloaded = RecipeSections.yamlValue(
                yaml.substring(yaml.indexOf("quantize:") + "quantize:".length()).replace("\n  ", "\n"),
                QuantizeSection.class);
        assertEquals(FRAGILE, reloaded.overrides.get(0).pattern);
    }
}
