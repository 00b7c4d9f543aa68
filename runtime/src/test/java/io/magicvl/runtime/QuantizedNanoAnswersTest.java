package io.magicvl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.converter.ConvertOptions;
import io.magicvl.converter.Converter;
import io.magicvl.converter.ParityMode;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.quantizer.ExportQuantizer;
import io.magicvl.quantizer.recipe.QuantizePlan;
import io.magicvl.quantizer.recipe.QuantizeSection;
import io.magicvl.quantizer.recipe.RecipeSections;
import io.magicvl.quantizer.report.QuantizeReport;
import io.magicvl.quantizer.report.WeightReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the nano stage-4 checkpoint converted to fp32, quantized with int8 vision and an
 * int4 (block 32) decoder, still gives the golden greedy answers.
 */
class QuantizedNanoAnswersTest {
    private static final String QUESTION = "What is written in the image?";
    private static final int MAX_NEW_TOKENS = 24;

    @TempDir
    static Path dir;

    private static Path quantized;
    private static QuantizeReport report;

    @BeforeAll
    static void convertAndQuantize() {
        Path checkpoint = TestPaths.nanoRun().resolve("stage4-advanced");
        Path export = dir.resolve("fp32");
        Converter.convert(new ConvertOptions(checkpoint, export, "fp32", null, ParityMode.OFF, false));
        QuantizeSection section = RecipeSections.yamlValue("""
                components:
                  vision: {scheme: int8-weight}
                  embed: {scheme: int8-weight}
                  decoder: {scheme: int4-weight, block_size: 32, accuracy_level: 0}
                  lm_head: {scheme: int8-weight}
                calibration: {cache_dir: %s}
                """.formatted(dir.resolve("cache")), QuantizeSection.class);
        quantized = dir.resolve("int4");
        report = new ExportQuantizer(QuantizePlan.of(section), 1).quantize(export, quantized, false, null);
    }

    @Test
    void quantizedNanoGivesGoldenAnswers() {
        List<String> mismatches = new ArrayList<>();
        try (Golden golden = Golden.load("nano-dev.safetensors");
                OnnxVisionLanguageModel model = OnnxVisionLanguageModel.open(quantized,
                        RuntimeOptions.defaults().withIntraOpThreads(1))) {
            for (int n = 0; n < golden.images(); n++) {
                long[] expected = golden.ids(n, "generated_ids");
                if (expected.length == 1 && expected[0] == -1) {
                    expected = new long[0];
                }
                Answer answer = model.answer(golden.image(n), QUESTION, MAX_NEW_TOKENS);
                long[] actual = answer.tokenIds().stream().mapToLong(Integer::longValue).toArray();
                if (!Arrays.equals(expected, actual)) {
                    mismatches.add(golden.metadata("i" + n + ".image") + ": " + Arrays.toString(actual) + " != "
                            + Arrays.toString(expected));
                }
            }
        }
        assertTrue(mismatches.isEmpty(), "answers differ from the golden ones: " + mismatches);
    }

    @Test
    void reportNumbersAreSane() {
        double visionSqnr = meanSqnr("vision");
        double decoderSqnr = meanSqnr("decoder");
        assertTrue(visionSqnr > decoderSqnr + 10, "int8 " + visionSqnr + " dB vs int4 " + decoderSqnr + " dB");
        assertTrue(report.components().get("decoder").error().top1Agreement() > 0.8,
                "top-1 " + report.components().get("decoder").error().top1Agreement());
        assertTrue(report.components().get("vision").error().cosine() > 0.999,
                "vision cosine " + report.components().get("vision").error().cosine());
        assertEquals(3, report.components().size());
    }

    private static double meanSqnr(String component) {
        return report.weights().stream()
                .filter(w -> w.component().equals(component))
                .mapToDouble(WeightReport::sqnrDb)
                .average()
                .orElseThrow();
    }
}
