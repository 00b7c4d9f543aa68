package io.magicvl.release.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.release.bundle.TestExport;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/** Small real steps for runner tests: one writes an export, one evaluates a gate from the recipe. */
final class TestSteps {
    private TestSteps() {}

    /** Writes a small export folder into {@code export/}; its inputs are the recipe's convert section. */
    static final class ConvertStep implements ReleaseStep {
        int runs;

        @Override
        public String name() {
            return "convert";
        }

        @Override
        public String inputsHash(StepContext context) {
            return new InputsHash(name()).json("convert", context.recipe().section("convert")).sha256();
        }

        @Override
        public StepResult run(StepContext context) throws Exception {
            runs++;
            TestExport.write(context.stepDir().resolve("export"));
            Files.writeString(context.stepDir().resolve("parity.html"), "<p>parity ok</p>");
            return StepResult.passed("converted 3 components", "parity.html", Map.of("components", 3));
        }
    }

    /**
     * Compares the size of the converted decoder data with {@code compare.max_decoder_bytes}
     * from the recipe: a real measured value against a recipe threshold.
     */
    static final class SizeGateStep implements ReleaseStep {
        @Override
        public String name() {
            return "compare";
        }

        @Override
        public String inputsHash(StepContext context) {
            return new InputsHash(name()).json("compare", context.recipe().section("compare"))
                    .step(context.record("convert")).sha256();
        }

        @Override
        public StepResult run(StepContext context) throws Exception {
            JsonNode section = context.recipe().section("compare");
            double threshold = section.path("max_decoder_bytes").asDouble();
            double value = Files.size(context.dirOf("convert").resolve("export/decoder.onnx.data"));
            Gate gate = new Gate("decoder.size", name(), value, "<=", threshold, List.of(value - 10, value + 10), "bytes",
                    value <= threshold, "decoder weights must fit the size budget");
            return StepResult.gated("1 gate evaluated", List.of(gate), null, Map.of("decoder_bytes", value));
        }
    }
}
