package io.magicvl.release.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.testing.HeadlessChromium;
import io.magicvl.release.bundle.BundleVerifier;
import io.magicvl.release.bundle.ExtractionLimits;
import io.magicvl.release.steps.PackStep;
import io.magicvl.release.steps.VerifyStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseRunnerTest {
    @TempDir
    Path tmp;

    private final TestSteps.ConvertStep convert = new TestSteps.ConvertStep();
    private final ReleaseRunner runner =
            new ReleaseRunner(List.of(convert, new TestSteps.SizeGateStep(), new PackStep("convert"), new VerifyStep()));

    @Test
    void passingReleasePublishesVerifiedBundle() throws IOException {
        Path out = tmp.resolve("out");
        ReleaseResult result = runner.run(options(out, false, null), recipe(1_000_000));

        assertTrue(result.passed());
        Path bundle = out.resolve("test.tar.zst");
        assertTrue(BundleVerifier.verifyBundle(bundle, ExtractionLimits.defaults()).ok());
        JsonNode report = Json.MAPPER.readTree(out.resolve(ReleaseReport.JSON).toFile());
        assertEquals("passed", report.get("status").asText());
        assertEquals("test.tar.zst", report.get("bundle").get("file").asText());
        assertEquals(io.magicvl.release.bundle.Sha256.ofFile(bundle), report.get("bundle").get("sha256").asText());
        assertEquals("steps/1-convert/parity.html", report.get("steps").get(0).get("report").asText());
        assertEquals(1, report.get("gates").size());
        String junit = Files.readString(out.resolve(ReleaseReport.JUNIT));
        assertTrue(junit.contains("tests=\"5\" failures=\"0\""), junit);
    }

    @Test
    void bundleManifestCarriesRecipeAndGateSummary() throws IOException {
        Path out = tmp.resolve("out");
        RecipeFile recipe = recipe(1_000_000);
        runner.run(options(out, false, null), recipe);

        Path unpacked = tmp.resolve("unpacked");
        io.magicvl.release.bundle.BundleUnpacker.unpack(out.resolve("test.tar.zst"), unpacked, ExtractionLimits.defaults(), false);
        JsonNode manifest = Json.MAPPER.readTree(unpacked.resolve("manifest.json").toFile());

        assertEquals(recipe.sha256(), manifest.get("recipe").get("sha256").asText());
        assertEquals("runner-test", manifest.get("recipe").get("name").asText());
        assertEquals("decoder.size", manifest.get("validation").get("gates").get(0).get("name").asText());
        assertTrue(manifest.get("validation").get("passed").asBoolean());
        assertTrue(manifest.get("device").isNull());
    }

    @Test
    void failedGateStopsReleaseAndIsNamed() throws IOException {
        Path out = tmp.resolve("out");
        ReleaseResult result = runner.run(options(out, false, null), recipe(100));

        assertFalse(result.passed());
        assertEquals("compare", result.firstFailure().name());
        assertEquals(StepStatus.NOT_RUN, result.steps().get(2).status());
        assertFalse(Files.exists(out.resolve("test.tar.zst")));
        JsonNode report = Json.MAPPER.readTree(out.resolve(ReleaseReport.JSON).toFile());
        assertEquals("failed", report.get("status").asText());
        assertEquals("compare", report.get("stopped_at").asText());
        JsonNode gate = report.get("gates").get(0);
        assertEquals("decoder.size", gate.get("name").asText());
        assertEquals(100.0, gate.get("threshold").asDouble());
        assertEquals(2, gate.get("interval").size());
        assertFalse(gate.get("passed").asBoolean());
        String junit = Files.readString(out.resolve(ReleaseReport.JUNIT));
        assertTrue(junit.contains("<failure type=\"gate\" message=\"decoder.size: value"), junit);
        assertTrue(junit.contains("required &lt;= 100: FAILED"), junit);
    }

    @Test
    void resumeReusesFinishedStepByInputs() throws IOException {
        Path out = tmp.resolve("out");
        RecipeFile recipe = recipe(1_000_000);
        ReleaseResult first = runner.run(options(out, false, "convert"), recipe);
        assertEquals("convert", first.stoppedAfter());
        assertEquals(StepStatus.NOT_RUN, first.steps().get(1).status());
        Path vision = out.resolve("steps/1-convert/export/vision.onnx");
        FileTime written = Files.getLastModifiedTime(vision);

        ReleaseResult resumed = runner.run(options(out, true, null), recipe);

        assertTrue(resumed.passed());
        assertTrue(resumed.steps().get(0).reused());
        assertFalse(resumed.steps().get(1).reused());
        assertEquals(1, convert.runs);
        assertEquals(written, Files.getLastModifiedTime(vision));
    }

    @Test
    void resumeRedoesStepWhoseInputsChanged() throws IOException {
        Path out = tmp.resolve("out");
        runner.run(options(out, false, "convert"), recipe(1_000_000));

        ReleaseResult resumed = runner.run(options(out, true, null), recipe(1_000_000, "seed: 2"));

        assertFalse(resumed.steps().get(0).reused());
        assertEquals(2, convert.runs);
    }

    @Test
    void resumeRedoesStepWhoseOutputChanged() throws IOException {
        Path out = tmp.resolve("out");
        RecipeFile recipe = recipe(1_000_000);
        runner.run(options(out, false, "convert"), recipe);
        Files.writeString(out.resolve("steps/1-convert/export/tokenizer.json"), "{}");

        ReleaseResult resumed = runner.run(options(out, true, null), recipe);

        assertFalse(resumed.steps().get(0).reused());
        assertTrue(resumed.passed());
    }

    @Test
    void resumeRepublishesDeletedBundle() throws IOException {
        Path out = tmp.resolve("out");
        RecipeFile recipe = recipe(1_000_000);
        runner.run(options(out, false, null), recipe);
        Files.delete(out.resolve("test.tar.zst"));

        ReleaseResult resumed = runner.run(options(out, true, null), recipe);

        assertTrue(resumed.steps().get(2).reused());
        assertFalse(resumed.steps().get(3).reused());
        assertEquals(-1L, Files.mismatch(out.resolve("steps/3-pack/test.tar.zst"), out.resolve("test.tar.zst")));
    }

    @Test
    void existingOutputNeedsResumeOrForce() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));

        MagicvlException error = assertThrows(MagicvlException.class, () -> runner.run(options(out, false, null), recipe(1)));

        assertTrue(error.getMessage().contains("--resume"), error.getMessage());
    }

    @Test
    void unknownStopAfterIsRejected() throws IOException {
        MagicvlException error = assertThrows(MagicvlException.class,
                () -> runner.run(options(tmp.resolve("out"), false, "quantise"), recipe(1)));

        assertTrue(error.getMessage().contains("quantise"), error.getMessage());
    }

    @Test
    void htmlReportRendersInHeadlessChromium() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.requireOrSkip();
        Path out = tmp.resolve("out");
        runner.run(options(out, false, null), recipe(100));

        HeadlessChromium.Rendered rendered = chromium.render(out.resolve(ReleaseReport.HTML), tmp.resolve("browser"),
                1200, 900, Duration.ofSeconds(120));

        String dom = rendered.dom();
        assertTrue(dom.contains("<span id=\"recipe\">runner-test</span>"), dom);
        assertTrue(dom.contains("stopped at step 2 <strong>compare</strong>"), dom);
        assertTrue(dom.contains("<td>decoder.size</td>"), dom);
        assertTrue(dom.contains("Failed gate <strong>decoder.size: value"), dom);
        assertTrue(dom.contains("<td class=\"not-run\">not run</td>"), dom);
        byte[] png = Files.readAllBytes(rendered.screenshot());
        assertTrue(png.length > 1000, "screenshot has " + png.length + " bytes");
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertEquals('N', png[2]);
        assertEquals('G', png[3]);
    }

    @Test
    void noGateMeansNullSummary() throws IOException {
        ReleaseRunner noGates = new ReleaseRunner(List.of(convert, new PackStep("convert"), new VerifyStep()));
        Path out = tmp.resolve("out");
        ReleaseResult result = noGates.run(options(out, false, null), recipe(1));

        assertTrue(result.passed());
        assertNull(Json.MAPPER.readTree(out.resolve(ReleaseReport.JSON).toFile()).get("stopped_at").textValue());
    }

    private ReleaseOptions options(Path out, boolean resume, String stopAfter) {
        return new ReleaseOptions(tmp.resolve("recipe.yaml"), null, out, resume, false, stopAfter);
    }

    private RecipeFile recipe(long maxDecoderBytes) throws IOException {
        return recipe(maxDecoderBytes, "seed: 1");
    }

    private RecipeFile recipe(long maxDecoderBytes, String convertSection) throws IOException {
        Path file = tmp.resolve("recipe.yaml");
        Files.writeString(file, "name: runner-test\nconvert:\n  " + convertSection + "\ncompare:\n  max_decoder_bytes: "
                + maxDecoderBytes + "\nrelease:\n  bundle: test.tar.zst\n");
        return RecipeFile.load(file);
    }
}
