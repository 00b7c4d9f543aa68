package io.magicvl.release.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a release in a child JVM during its second step, then resumes it here. */
class ReleaseKillResumeTest {
    @TempDir
    Path tmp;

    @Test
    void resumeAfterKillSkipsFinishedStep() throws Exception {
        Path recipe = tmp.resolve("recipe.yaml");
        Files.writeString(recipe, "name: kill-test\nconvert:\n  seed: 1\nrelease:\n  bundle: kill.tar.zst\n");
        Path out = tmp.resolve("out");
        Process child = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Drelease.test.block=true",
                        "-cp", System.getProperty("java.class.path"),
                        TestSteps.class.getName(), recipe.toString(), out.toString()))
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile())
                .start();
        Path started = out.resolve("steps/2-quantize/started");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(started) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(started), () -> "child never reached quantize: " + readLog());
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Files.exists(out.resolve("steps/1-convert/step.json")));
        assertFalse(Files.exists(out.resolve("steps/2-quantize/step.json")), "killed step left no record");
        Path vision = out.resolve("steps/1-convert/export/vision.onnx");
        FileTime written = Files.getLastModifiedTime(vision);
        String visionSha = io.magicvl.release.bundle.Sha256.ofFile(vision);

        TestSteps.ConvertStep convert = new TestSteps.ConvertStep();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        ReleaseResult result;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            result = TestSteps.blockingRunner(convert).run(
                    new ReleaseOptions(recipe, null, out, true, false, null), RecipeFile.load(recipe));
        } finally {
            System.setErr(stderr);
        }

        assertTrue(result.passed());
        assertEquals(0, convert.runs, "convert ran again");
        assertTrue(result.steps().get(0).reused());
        assertFalse(result.steps().get(1).reused());
        assertEquals(written, Files.getLastModifiedTime(vision));
        assertEquals(visionSha, io.magicvl.release.bundle.Sha256.ofFile(vision));
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Step 1/4 convert: skipped, finished before with the same inputs"), text);
        assertTrue(text.contains("Step 2/4 quantize: running (no finished run to resume)"), text);
        assertTrue(Files.exists(out.resolve("kill.tar.zst")));
    }

    private String readLog() {
        try {
            return Files.readString(tmp.resolve("child.log"));
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
