package io.magicvl.validator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.validator.data.Bench;
import io.magicvl.validator.score.ScoringMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume, shards, merge and threads, each run twice: with {@link DeterministicTestModel}
 * standing in for the model (fast, exact bookkeeping checks) and with the real ONNX Runtime
 * model of the nano fp32 export. These check the run folder bookkeeping, not accuracy.
 */
class RunBookkeepingTest {
    /** What answers the questions. */
    enum Backend {
        TEST_DOUBLE,
        ONNX_RUNTIME
    }
    private static final Path OCR = TestPaths.examples().resolve("nano-bench/ocrbench");
    private static final Path HALLUSION = TestPaths.examples().resolve("nano-bench/hallusionbench");

    @TempDir
    Path tmp;

    private RunConfig config(Path export, Bench bench, Path out, Integer limit, Shard shard, int threads) {
        Path root = bench == Bench.OCRBENCH ? OCR : HALLUSION;
        String file = bench == Bench.OCRBENCH ? "OCRBench.json" : "HallusionBench.json";
        return new RunConfig(export, bench, root.resolve(file), root.resolve("images"), out, limit, shard, threads,
                ScoringMode.OFFICIAL, 24, MissingImagePolicy.FAIL);
    }

    private static ModelFactory factory(Path export, long delayMillis) {
        return () -> new DeterministicTestModel(export, delayMillis);
    }

    private Path export(Backend backend, String name) throws IOException {
        if (backend == Backend.ONNX_RUNTIME) {
            return name.equals("a") ? NanoExports.fp32() : NanoExports.int4();
        }
        return DeterministicTestModel.fakeExport(tmp.resolve("export-" + name), name);
    }

    /** The test double sleeps {@code delayMillis} per answer so that an interrupt lands mid-run. */
    private static ModelFactory factory(Backend backend, Path export, long delayMillis) {
        return backend == Backend.ONNX_RUNTIME ? NanoExports.factory(export) : factory(export, delayMillis);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void resumeAfterInterruptMatchesUninterruptedRun(Backend backend) throws Exception {
        Path export = export(backend, "a");
        RunResult whole = new ValidationRun(config(export, Bench.OCRBENCH, tmp.resolve("whole"), 40, Shard.all(), 1),
                factory(backend, export, 0)).execute();
        assertTrue(whole.complete());

        Path resumed = tmp.resolve("resumed");
        RunConfig config = config(export, Bench.OCRBENCH, resumed, 40, Shard.all(), 2);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        Future<RunResult> first = caller.submit(() -> new ValidationRun(config, factory(backend, export, 20)).execute());
        Path predictions = resumed.resolve(RunManifest.PREDICTIONS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lineCount(predictions) < 6 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        first.cancel(true);
        caller.shutdown();
        assertTrue(caller.awaitTermination(30, TimeUnit.SECONDS));
        int afterInterrupt = lineCount(predictions);
        assertTrue(afterInterrupt >= 6, "interrupted after " + afterInterrupt + " lines");
        assertTrue(afterInterrupt < 40, "interrupted before the end, after " + afterInterrupt + " lines");
        // A crash in the middle of a write leaves a cut-off line; resuming must drop it.
        Files.writeString(predictions, "{\"pos\": 99, \"predic", StandardOpenOption.APPEND);

        RunResult second = new ValidationRun(config, factory(backend, export, 0)).execute();
        assertTrue(second.complete());
        assertEquals(40 - afterInterrupt, second.stats().itemsRun());
        assertEquals(stableLines(whole.runDir()), stableLines(resumed));
        assertEquals(whole.score().metrics(), second.score().metrics());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void shardsMergeToUnshardedRun(Backend backend) throws IOException {
        Path export = export(backend, "a");
        Integer limit = backend == Backend.ONNX_RUNTIME ? 30 : null;
        RunResult whole = new ValidationRun(config(export, Bench.HALLUSIONBENCH, tmp.resolve("whole"), limit, Shard.all(), 1),
                factory(backend, export, 0)).execute();
        List<Path> shards = new ArrayList<>();
        int total = 0;
        for (int i = 1; i <= 3; i++) {
            Path out = tmp.resolve("shard" + i);
            RunResult shard = new ValidationRun(config(export, Bench.HALLUSIONBENCH, out, limit, new Shard(i, 3), 1),
                    factory(backend, export, 0)).execute();
            total += shard.predicted();
            shards.add(out);
        }
        assertEquals(whole.predicted(), total);
        RunResult merged = RunMerger.merge(shards, tmp.resolve("merged"), false);
        assertEquals(stableLines(whole.runDir()), stableLines(merged.runDir()));
        assertEquals(whole.score().metrics(), merged.score().metrics());
        assertEquals(whole.score().toJson().get("items"), merged.score().toJson().get("items"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void mergeRejectsDuplicateMissingAndMismatchedShards(Backend backend) throws IOException {
        Path export = export(backend, "a");
        Path other = export(backend, "b");
        List<Path> shards = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Path out = tmp.resolve("shard" + i);
            new ValidationRun(config(export, Bench.OCRBENCH, out, 8, new Shard(i, 2), 1), factory(backend, export, 0))
                    .execute();
            shards.add(out);
        }
        Path foreign = tmp.resolve("foreign");
        new ValidationRun(config(other, Bench.OCRBENCH, foreign, 8, new Shard(2, 2), 1), factory(backend, other, 0))
                .execute();

        MagicvlException twice = assertThrows(MagicvlException.class,
                () -> RunMerger.merge(List.of(shards.get(0), shards.get(0)), tmp.resolve("m1"), false));
        assertTrue(twice.getMessage().contains("Shard 1/2 is given twice"), twice.getMessage());
        MagicvlException missing = assertThrows(MagicvlException.class,
                () -> RunMerger.merge(List.of(shards.get(0)), tmp.resolve("m2"), false));
        assertTrue(missing.getMessage().contains("Shard 2/2 is missing"), missing.getMessage());
        MagicvlException mismatch = assertThrows(MagicvlException.class,
                () -> RunMerger.merge(List.of(shards.get(0), foreign), tmp.resolve("m3"), false));
        assertTrue(mismatch.getMessage().contains("export_sha256"), mismatch.getMessage());
        assertFalse(Files.exists(tmp.resolve("m3")));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void resumeRejectsAnotherExport(Backend backend) throws IOException {
        Path export = export(backend, "a");
        Path other = export(backend, "b");
        Path out = tmp.resolve("run");
        new ValidationRun(config(export, Bench.OCRBENCH, out, 3, Shard.all(), 1), factory(backend, export, 0)).execute();
        MagicvlException error = assertThrows(MagicvlException.class,
                () -> new ValidationRun(config(other, Bench.OCRBENCH, out, 3, Shard.all(), 1), factory(backend, other, 0))
                        .execute());
        assertTrue(error.getMessage().contains("export_sha256"), error.getMessage());
        assertTrue(error.getMessage().contains(out.toString()), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void twoThreadsWriteTheSameFileAsOne(Backend backend) throws IOException {
        Path export = export(backend, "a");
        int limit = backend == Backend.ONNX_RUNTIME ? 16 : 30;
        RunResult one = new ValidationRun(config(export, Bench.OCRBENCH, tmp.resolve("one"), limit, Shard.all(), 1),
                factory(backend, export, 0)).execute();
        RunResult two = new ValidationRun(config(export, Bench.OCRBENCH, tmp.resolve("two"), limit, Shard.all(), 2),
                factory(backend, export, 3)).execute();
        assertEquals(stableLines(one.runDir()), stableLines(two.runDir()));
        assertEquals(2, two.stats().threads());
    }

    @Test
    void missingImagesAreSkippedOrFail() throws IOException {
        Path export = DeterministicTestModel.fakeExport(tmp.resolve("export"), "a");
        Path emptyImages = Files.createDirectories(tmp.resolve("no-images"));
        Path data = OCR.resolve("OCRBench.json");
        RunConfig fail = new RunConfig(export, Bench.OCRBENCH, data, emptyImages, tmp.resolve("fail"), 3, Shard.all(), 1,
                ScoringMode.OFFICIAL, 24, MissingImagePolicy.FAIL);
        MagicvlException error = assertThrows(MagicvlException.class,
                () -> new ValidationRun(fail, factory(export, 0)).execute());
        assertTrue(error.getMessage().contains("3 selected items have no image"), error.getMessage());

        RunConfig skip = new RunConfig(export, Bench.OCRBENCH, data, emptyImages, tmp.resolve("skip"), 3, Shard.all(), 1,
                ScoringMode.OFFICIAL, 24, MissingImagePolicy.SKIP);
        RunResult result = new ValidationRun(skip, factory(export, 0)).execute();
        assertTrue(result.complete());
        assertEquals(0, result.score().ocrBench().finalScore());
        assertEquals(0, result.score().items().stream().filter(i -> i.counted()).count(), "official skips missing");
        for (JsonNode line : readLines(result.runDir())) {
            assertEquals("missing_image", line.get("status").textValue());
            assertFalse(line.has("prediction"));
        }
    }

    private static int lineCount(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return (int) text.chars().filter(c -> c == '\n').count();
    }

    static List<JsonNode> readLines(Path runDir) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve(RunManifest.PREDICTIONS), StandardCharsets.UTF_8)) {
            lines.add(Json.MAPPER.readTree(line));
        }
        return lines;
    }

    /** Returns the lines without the fields that legitimately differ between runs (timings, worker). */
    static List<String> stableLines(Path runDir) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode line : readLines(runDir)) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = line.deepCopy();
            copy.remove("timings_ms");
            copy.remove("worker");
            out.add(copy.toString());
        }
        assertNotNull(out);
        return out;
    }
}
