package io.magicvl.release.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.testing.HeadlessChromium;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.release.bundle.BundleVerifier;
import io.magicvl.release.bundle.ExtractionLimits;
import io.magicvl.release.bundle.Sha256;
import io.magicvl.release.bundle.VerificationReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README demo: the nano recipe released end to end with the real pipeline modules. */
@Tag("slow")
class NanoReleaseIT {
    @TempDir
    Path tmp;

    @Test
    void nanoRecipeProducesVerifiedBundle() throws IOException {
        Path out = tmp.resolve("out");

        ReleaseResult result = Release.run(options(recipePath(), out, false, null));

        assertTrue(result.passed(), () -> "release failed: " + result.firstFailure());
        Path bundle = out.resolve("magicvl-nano.tar.zst");
        VerificationReport report = BundleVerifier.verifyBundle(bundle, ExtractionLimits.defaults());
        assertTrue(report.ok(), report.problems().toString());
        JsonNode summary = Json.MAPPER.readTree(out.resolve(ReleaseReport.JSON).toFile());
        assertEquals("passed", summary.get("status").asText());
        assertEquals(8, summary.get("steps").size());
        for (JsonNode gate : summary.get("gates")) {
            assertTrue(gate.get("passed").asBoolean(), gate.toString());
        }

        HeadlessChromium.Rendered page = HeadlessChromium.requireOrSkip().render(out.resolve(ReleaseReport.HTML),
                tmp.resolve("browser"), 1300, 1000, Duration.ofSeconds(120));
        assertTrue(page.dom().contains("Release <strong>PASSED</strong>"), page.dom());
        assertTrue(page.dom().contains(summary.get("bundle").get("sha256").asText()), page.dom());
        for (JsonNode gate : summary.get("gates")) {
            assertTrue(page.dom().contains("<td>" + gate.get("name").asText() + "</td>"), gate.toString());
        }
        assertTrue(Files.size(page.screenshot()) > 1000, "screenshot is empty");
    }

    @Test
    void earlierStageFailsAccuracyGate() throws IOException {
        // Convert stage 4 first: its fp32 export is the baseline the stage 1 candidate must match.
        Path first = tmp.resolve("stage4");
        Release.run(options(recipePath(), first, false, "convert"));
        Path recipe = recipeCopy("release:\n  bundle: magicvl-nano.tar.zst\n  baseline: "
                + first.resolve("steps/2-convert/export") + "\n");
        Path out = tmp.resolve("stage1");
        ReleaseOptions options = new ReleaseOptions(recipe, TestPaths.nanoRun().resolve("stage1-alignment"), out, false,
                false, null);

        ReleaseResult result = Release.run(options);

        assertFalse(result.passed());
        assertEquals("compare", result.firstFailure().name());
        Gate failed = result.gates().stream().filter(g -> !g.passed()).findFirst().orElseThrow();
        assertEquals(2, failed.interval().size());
        // The nano recipe's gates use the upper_bound rule: the interval's upper end decides.
        assertTrue(failed.interval().get(1) > failed.threshold(), failed.describe());
        JsonNode summary = Json.MAPPER.readTree(out.resolve(ReleaseReport.JSON).toFile());
        assertEquals("compare", summary.get("stopped_at").asText());
        String junit = Files.readString(out.resolve(ReleaseReport.JUNIT));
        assertTrue(junit.contains("<failure type=\"gate\" message=\"" + failed.name()), junit);
        String html = Files.readString(out.resolve(ReleaseReport.HTML));
        assertTrue(html.contains("Failed gate <strong>" + failed.name()), html);
        assertFalse(Files.exists(out.resolve("magicvl-nano.tar.zst")));
    }

    @Test
    void resumeAfterKillDoesNotRedoConvert() throws Exception {
        Path out = tmp.resolve("out");
        Process child = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"),
                        NanoReleaseIT.class.getName(), recipePath().toString(), out.toString()))
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile())
                .start();
        Path convertRecord = out.resolve("steps/2-convert/step.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!Files.exists(convertRecord) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        child.destroyForcibly();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertTrue(Files.exists(convertRecord), () -> "child never finished convert: " + readQuietly(tmp.resolve("child.log")));
        assertFalse(Files.exists(out.resolve("steps/8-verify/step.json")), "child was killed before the end");
        Path decoder = out.resolve("steps/2-convert/export/decoder.onnx.data");
        FileTime written = Files.getLastModifiedTime(decoder);
        String sha = Sha256.ofFile(decoder);

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        ReleaseResult resumed;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            resumed = Release.run(options(recipePath(), out, true, null));
        } finally {
            System.setErr(stderr);
        }

        assertTrue(resumed.steps().get(0).reused());
        assertTrue(resumed.steps().get(1).reused());
        assertEquals(written, Files.getLastModifiedTime(decoder));
        assertEquals(sha, Sha256.ofFile(decoder));
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Step 2/8 convert: skipped, finished before with the same inputs"), text);
    }

    /** Runs the nano release in a child JVM for the kill test: arguments are the recipe and the output folder. */
    public static void main(String[] args) {
        Release.run(new ReleaseOptions(Path.of(args[0]), null, Path.of(args[1]), false, false, null));
    }

    private static Path recipePath() {
        return TestPaths.repoRoot().resolve("recipes/magicvl-nano.yaml");
    }

    private static ReleaseOptions options(Path recipe, Path out, boolean resume, String stopAfter) {
        return new ReleaseOptions(recipe, null, out, resume, false, stopAfter);
    }

    /**
     * Copies the nano recipe with another release section into a folder where its relative
     * paths ({@code ../examples}, {@code devices/}) still resolve, through links to the repository.
     */
    private Path recipeCopy(String releaseSection) throws IOException {
        Path recipes = Files.createDirectories(tmp.resolve("copy/recipes"));
        Files.createSymbolicLink(tmp.resolve("copy/examples"), TestPaths.examples());
        Files.createSymbolicLink(recipes.resolve("devices"), TestPaths.repoRoot().resolve("recipes/devices"));
        String text = Files.readString(recipePath());
        String withoutRelease = text.substring(0, text.indexOf("\nrelease:\n") + 1);
        Path copy = recipes.resolve("magicvl-nano.yaml");
        Files.writeString(copy, withoutRelease + releaseSection);
        return copy;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
