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

    /**
     * Stands for a long step: when the system property {@code release.test.block} is true it
     * waits until the process is killed; otherwise it passes at once.
     */
    static final class BlockingStep implements ReleaseStep {
        @Override
        public String name() {
            return "quantize";
        }

        @Override
        public String inputsHash(StepContext context) {
            return new InputsHash(name()).step(context.record("convert")).sha256();
        }

        @Override
        public StepResult run(StepContext context) throws Exception {
            Files.writeString(context.stepDir().resolve("started"), "yes");
            if (Boolean.getBoolean("release.test.block")) {
                Thread.sleep(120_000);
            }
            copyExport(context);
            return StepResult.passed("quantized nothing", null, Map.of());
        }

        private static void copyExport(StepContext context) throws java.io.IOException {
            java.nio.file.Path source = context.dirOf("convert").resolve("export");
            java.nio.file.Path target = context.stepDir().resolve("export");
            Files.createDirectories(target.resolve("extra"));
            try (var files = Files.walk(source)) {
                for (java.nio.file.Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, target.resolve(source.relativize(file).toString()));
                }
            }
        }
    }

    /** The runner with convert, quantize (blocking), pack and verify. */
    static ReleaseRunner blockingRunner(ConvertStep convert) {
        return new ReleaseRunner(List.of(convert, new BlockingStep(), new io.magicvl.release.steps.PackStep("quantize"),
                new io.magicvl.release.steps.VerifyStep()));
    }

    /** Runs the blocking release in a child JVM: arguments are the recipe and the output folder. */
    public static void main(String[] args) {
        ReleaseOptions options = new ReleaseOptions(java.nio.file.Path.of(args[0]), null, java.nio.file.Path.of(args[1]),
                false, false, null);
        blockingRunner(new ConvertStep()).run(options, RecipeFile.load(options.recipe()));
    }
}
