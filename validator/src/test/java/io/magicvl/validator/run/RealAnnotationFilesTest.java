package io.magicvl.validator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.testing.TestPaths;
import io.magicvl.validator.data.Bench;
import io.magicvl.validator.data.BenchmarkData;
import io.magicvl.validator.score.ScoringMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OCRBench and HallusionBench annotation files: their structure as the reader sees it,
 * and a run without their (not redistributable) images, which records each item as missing.
 */
class RealAnnotationFilesTest {
    private static Path benchmarks() {
        return TestPaths.shared().resolve("benchmarks");
    }



    @TempDir
    Path tmp;

    @Test
    void ocrBenchStructure() {
        BenchmarkData data = BenchmarkData.load(Bench.OCRBENCH, benchmarks().resolve("ocrbench/OCRBench.json"));
        assertEquals(1000, data.items().size());
        long hme = data.ocrBenchItems().stream().filter(i -> "HME100k".equals(i.datasetName())).count();
        long hmeType = data.ocrBenchItems().stream()
                .filter(i -> i.type().equals("Handwritten Mathematical Expression Recognition")).count();
        assertEquals(hme, hmeType, "both routing keys select the same items in the real file");
        long lists = data.ocrBenchItems().stream().filter(i -> i.answers().size() > 1).count();
        assertTrue(lists > 0);
    }

    @Test
    void hallusionStructureCountsGroups() {
        BenchmarkData data = BenchmarkData.load(Bench.HALLUSIONBENCH,
                benchmarks().resolve("hallusionbench/HallusionBench.json"));
        var items = data.hallusionItems();
        long withImage = items.stream().filter(i -> i.hasImage()).count();
        long figures = items.stream().filter(i -> i.hasImage()).map(i -> i.figureKey()).distinct().count();
        long officialFigures = items.stream().filter(i -> !i.isVsNoImage()).map(i -> i.figureKey()).distinct().count();
        long pairs = items.stream().map(i -> i.pairKey()).distinct().count();
        // The official figure groups (VS figure 0 left out) are exactly the figures that have an image.
        assertEquals(figures, officialFigures);
        assertTrue(withImage < items.size(), "text-only questions exist");
        assertTrue(pairs < items.size());
    }

    @Test
    void runWithoutImagesRecordsMissing() throws IOException {
        Path export = DeterministicTestModel.fakeExport(tmp.resolve("export"), "a");
        Path images = Files.createDirectories(tmp.resolve("images"));
        RunConfig config = new RunConfig(export, Bench.HALLUSIONBENCH,
                benchmarks().resolve("hallusionbench/HallusionBench.json"), images, tmp.resolve("run"), 40, Shard.all(), 1,
                ScoringMode.OFFICIAL, 8, MissingImagePolicy.SKIP);
        RunResult result = new ValidationRun(config, () -> new DeterministicTestModel(export, 0)).execute();
        assertTrue(result.complete());
        var lines = RunBookkeepingTest.readLines(result.runDir());
        long missing = lines.stream().filter(l -> "missing_image".equals(l.get("status").textValue())).count();
        long textOnly = BenchmarkData.load(Bench.HALLUSIONBENCH, config.dataFile()).hallusionItems().stream()
                .limit(40).filter(i -> !i.hasImage()).count();
        assertEquals(40 - textOnly, missing, "every question with an image is reported missing");
        assertEquals(40, lines.size());
    }
}
