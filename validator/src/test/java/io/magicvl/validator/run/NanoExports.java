package io.magicvl.validator.run;

import io.magicvl.converter.ConvertOptions;
import io.magicvl.converter.Converter;
import io.magicvl.converter.ParityMode;
import io.magicvl.core.io.OutputPaths;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.quantizer.ExportQuantizer;
import io.magicvl.quantizer.recipe.QuantizePlan;
import io.magicvl.quantizer.recipe.QuantizeSection;
import io.magicvl.quantizer.recipe.RecipeSections;
import io.magicvl.runtime.OnnxVisionLanguageModel;
import io.magicvl.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real export folders of the nano run's stage-4 checkpoint, built once per test JVM: fp32 by
 * the converter, and an aggressive int4 one by the quantizer (every component int4-weight with
 * 128-wide blocks).
 */
public final class NanoExports {
    /** The quantize section of the int4 export. */
    static final String INT4_SECTION = """
            components:
              vision: {scheme: int4-weight, block_size: 128}
              embed: {scheme: int4-weight, block_size: 128}
              decoder: {scheme: int4-weight, block_size: 128, accuracy_level: 0}
              lm_head: {scheme: int4-weight, block_size: 128}
            """;

    private static Path root;
    private static Path fp32;
    private static Path int4;

    private NanoExports() {}

    /** Returns the fp32 export of stage 4. */
    public static synchronized Path fp32() {
        if (fp32 == null) {
            Path out = root().resolve("fp32");
            Converter.convert(new ConvertOptions(TestPaths.nanoRun().resolve("stage4-advanced"), out, "fp32", null,
                    ParityMode.OFF, false));
            fp32 = out;
        }
        return fp32;
    }

    /** Returns the int4 export made from {@link #fp32()}. */
    public static synchronized Path int4() {
        if (int4 == null) {
            Path out = root().resolve("int4");
            QuantizeSection section = RecipeSections.yamlValue(INT4_SECTION, QuantizeSection.class);
            section.calibration.cacheDir = root().resolve("calibration").toString();
            new ExportQuantizer(QuantizePlan.of(section), 1).quantize(fp32(), out, false,
                    new ExportQuantizer.RecipeInfo("nano-int4-aggressive", "0".repeat(64)));
            int4 = out;
        }
        return int4;
    }

    /** Returns a factory of ONNX Runtime models of {@code export}, one intra-op thread each. */
    public static ModelFactory factory(Path export) {
        RuntimeOptions options = RuntimeOptions.defaults().withIntraOpThreads(1);
        return () -> OnnxVisionLanguageModel.open(export, options);
    }

    private static Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("magicvl-nano-exports-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path created = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    OutputPaths.deleteRecursively(created);
                } catch (IOException e) {
                    // A leftover temporary folder is harmless.
                }
            }));
        }
        return root;
    }
}
