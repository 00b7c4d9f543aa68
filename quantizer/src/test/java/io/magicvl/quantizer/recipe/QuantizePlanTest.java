package io.magicvl.quantizer.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import io.magicvl.quantizer.math.Int8Range;
import io.magicvl.quantizer.recipe.QuantizePlan.Role;
import org.junit.jupiter.api.Test;

class QuantizePlanTest {
    private static final String TABLE = "language_model.model.embed_tokens.weight";

    private static QuantizePlan plan(String yaml) {
        return QuantizePlan.of(RecipeSections.yamlValue(yaml, QuantizeSection.class));
    }

    private static String error(String yaml) {
        return assertThrows(MagicvlException.class, () -> plan(yaml)).getMessage();
    }

    @Test
    void defaultsAreFilledIn() {
        WeightScheme scheme = plan("components: {decoder: {scheme: int4-weight}}")
                .schemeFor("decoder", "language_model.model.layers.3.mlp.up_proj.weight", Role.LINEAR);

        assertEquals(SchemeKind.INT4_WEIGHT, scheme.kind());
        assertEquals(4, scheme.bits());
        assertEquals(32, scheme.blockSize());
        assertTrue(scheme.symmetric());
        assertEquals(0, scheme.accuracyLevel());
    }

    @Test
    void unconfiguredComponentStaysFloat() {
        assertEquals(SchemeKind.FP32, plan("components: {decoder: {scheme: fp16}}")
                .schemeFor("vision", "vision_model.encoder.layers.0.mlp.fc1.weight", Role.LINEAR).kind());
    }

    @Test
    void projectorAndLmHeadOverrideTheirGraphs() {
        QuantizePlan plan = plan("""
                components:
                  vision: {scheme: int8-weight}
                  projector: {scheme: fp16}
                  decoder: {scheme: int4-weight}
                  lm_head: {scheme: int8-weight, weight_range: unsigned}
                """);

        assertEquals(SchemeKind.FP16, plan.schemeFor("vision", "mlp1.1.weight", Role.LINEAR).kind());
        assertEquals(SchemeKind.INT8_WEIGHT,
                plan.schemeFor("vision", "vision_model.encoder.layers.0.mlp.fc1.weight", Role.LINEAR).kind());
        assertEquals(Int8Range.UNSIGNED, plan.schemeFor("decoder", "language_model.lm_head.weight", Role.LINEAR).range());
        assertEquals(SchemeKind.INT4_WEIGHT,
                plan.schemeFor("decoder", "language_model.model.layers.0.mlp.up_proj.weight", Role.LINEAR).kind());
    }

    @Test
    void sharedTiedEmbeddingsGiveLmHeadEmbedValues() {
        QuantizePlan plan = plan("""
                components:
                  embed: {scheme: int8-weight}
                  decoder: {scheme: int4-weight}
                tied_embeddings: shared
                """);

        WeightScheme embed = plan.schemeFor("embed", TABLE, Role.EMBEDDING);
        WeightScheme lmHead = plan.schemeFor("decoder", TABLE, Role.LINEAR);

        assertEquals(Int8Range.FULL, embed.range());
        assertEquals(SchemeKind.INT8_WEIGHT, lmHead.kind());
        assertEquals(Int8Range.FULL, lmHead.range());
        assertFalse(lmHead.dynamicKernel(), "full-range lm_head must not reach an integer kernel");
        assertTrue(plan.sharedTiedEmbeddings());
    }

    @Test
    void sharedWithLmHeadSettingsIsRejected() {
        String message = error("""
                components:
                  embed: {scheme: int8-weight}
                  lm_head: {scheme: int8-weight}
                tied_embeddings: shared
                """);
        assertTrue(message.contains("tied_embeddings"), message);
    }

    @Test
    void firstMatchingOverrideWins() {
        QuantizePlan plan = plan("""
                components: {decoder: {scheme: int4-weight}}
                overrides:
                  - {pattern: "*layers.0.*", scheme: int8-weight}
                  - {pattern: "*layers.?.mlp.*", scheme: fp32}
                """);

        assertEquals(SchemeKind.INT8_WEIGHT,
                plan.schemeFor("decoder", "language_model.model.layers.0.mlp.up_proj.weight", Role.LINEAR).kind());
        assertEquals(SchemeKind.FP32,
                plan.schemeFor("decoder", "language_model.model.layers.5.mlp.up_proj.weight", Role.LINEAR).kind());
        assertEquals(SchemeKind.INT4_WEIGHT,
                plan.schemeFor("decoder", "language_model.model.layers.12.mlp.up_proj.weight", Role.LINEAR).kind());
    }

    @Test
    void keyOfAnotherSchemeIsRejected() {
        String message = error("components: {vision: {scheme: int8-weight, block_size: 32}}");
        assertTrue(message.contains("quantize.components.vision.block_size"), message);
        assertTrue(message.contains("int8-weight"), message);
    }

    @Test
    void unknownComponentIsRejected() {
        String message = error("components: {vison: {scheme: int8-weight}}");
        assertTrue(message.contains("vison"), message);
        assertTrue(message.contains("projector"), message);
    }

    @Test
    void int8StaticEmbeddingIsRejected() {
        String message = error("components: {embed: {scheme: int8-static}}");
        assertTrue(message.contains("quantize.components.embed.scheme"), message);
    }

    @Test
    void accuracyLevelOutOfRangeIsRejected() {
        String message = error("components: {decoder: {scheme: int4-weight, accuracy_level: 5}}");
        assertTrue(message.contains("accuracy_level: 5"), message);
    }

    @Test
    void calibrationMethodIsValidated() {
        String message = error("calibration: {method: kl}");
        assertTrue(message.contains("'kl'"), message);
        assertTrue(message.contains("entropy"), message);
    }

    @Test
    void bundledRecipesHaveValidSections() {
        for (String name : new String[] {"magicvl-nano.yaml", "magicvl-2b.yaml"}) {
            java.nio.file.Path file = io.magicvl.core.testing.TestPaths.repoRoot().resolve("recipes").resolve(name);
            QuantizeRecipe recipe = QuantizeRecipe.of(io.magicvl.core.recipe.Recipe.load(file));
            assertEquals(SchemeKind.INT4_WEIGHT, recipe.plan()
                    .schemeFor("decoder", "language_model.model.layers.0.mlp.up_proj.weight", Role.LINEAR).kind(), name);
        }
    }

    @Test
    void overrideWithoutPatternIsRejected() {
        String message = error("overrides: [{scheme: fp32}]");
        assertTrue(message.contains("quantize.overrides[0].pattern"), message);
    }
}
