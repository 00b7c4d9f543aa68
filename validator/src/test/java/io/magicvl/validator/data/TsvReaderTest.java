package io.magicvl.validator.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.validator.run.ImageResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VLMEvalKit TSV files built by the test from the nano sets read back as the same items. */
class TsvReaderTest {
    private static final Path OCR = TestPaths.examples().resolve("nano-bench/ocrbench");
    private static final Path HALLUSION = TestPaths.examples().resolve("nano-bench/hallusionbench");

    @TempDir
    Path tmp;

    @Test
    void ocrBenchTsvMatchesJson() throws IOException {
        BenchmarkData json = BenchmarkData.load(Bench.OCRBENCH, OCR.resolve("OCRBench.json"));
        StringBuilder tsv = new StringBuilder("index\timage\tquestion\tanswer\tcategory\n");
        Map<String, String> firstIndexOfImage = new HashMap<>();
        for (OcrBenchItem item : json.ocrBenchItems()) {
            String path = item.image().value();
            String image = firstIndexOfImage.containsKey(path)
                    ? firstIndexOfImage.get(path)
                    : Base64.getEncoder().encodeToString(Files.readAllBytes(OCR.resolve("images").resolve(path)));
            firstIndexOfImage.putIfAbsent(path, String.valueOf(item.pos()));
            tsv.append(item.pos()).append('\t').append(image).append('\t').append(quote(item.question())).append('\t')
                    .append(pythonList(item.answers())).append('\t').append(item.type()).append('\n');
        }
        Path file = Files.writeString(tmp.resolve("OCRBench.tsv"), tsv, StandardCharsets.UTF_8);
        BenchmarkData read = BenchmarkData.load(Bench.OCRBENCH, file);
        assertEquals(BenchmarkData.Format.VLMEVALKIT_TSV, read.format());
        assertEquals(json.items().size(), read.items().size());
        ImageResolver images = new ImageResolver(read, null, tmp.resolve("cache"));
        for (int i = 0; i < json.items().size(); i++) {
            OcrBenchItem expected = json.ocrBenchItems().get(i);
            OcrBenchItem actual = read.ocrBenchItems().get(i);
            assertEquals(expected.answers(), actual.answers(), "answers of " + i);
            assertEquals(expected.question(), actual.question());
            assertEquals(expected.type(), actual.type());
            assertNull(actual.datasetName());
            assertArrayEquals(Files.readAllBytes(OCR.resolve("images").resolve(expected.image().value())),
                    Files.readAllBytes(images.materialize(actual)), "image of " + i);
        }
    }

    @Test
    void hallusionTsvKeepsIdsAndDropsNothing() throws IOException {
        BenchmarkData json = BenchmarkData.load(Bench.HALLUSIONBENCH, HALLUSION.resolve("HallusionBench.json"));
        StringBuilder tsv = new StringBuilder("index\timage\tquestion\tanswer\tcategory\tl2-category\n");
        for (HallusionItem item : json.hallusionItems()) {
            String image = item.hasImage()
                    ? Base64.getEncoder().encodeToString(Files.readAllBytes(
                            HALLUSION.resolve("images").resolve(item.image().value().substring(2))))
                    : "";
            tsv.append(item.label()).append('\t').append(image).append('\t').append(quote(item.question())).append('\t')
                    .append(item.gtAnswer().equals("1") ? "Yes" : "No").append('\t').append(item.categoryCode())
                    .append('\t').append(item.l2Category()).append('\n');
        }
        Path file = Files.writeString(tmp.resolve("HallusionBench.tsv"), tsv, StandardCharsets.UTF_8);
        List<HallusionItem> read = BenchmarkData.load(Bench.HALLUSIONBENCH, file).hallusionItems();
        assertEquals(json.items().size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            HallusionItem expected = json.hallusionItems().get(i);
            HallusionItem actual = read.get(i);
            assertEquals(expected.pairKey(), actual.pairKey());
            assertEquals(expected.figureKey(), actual.figureKey());
            assertEquals(expected.visualInput(), actual.visualInput());
            assertEquals(expected.gtAnswer(), actual.gtAnswer());
            assertEquals(expected.hasImage(), actual.hasImage());
        }
    }

    @Test
    void rejectsAnswerThatIsNotAList() throws IOException {
        Path file = Files.writeString(tmp.resolve("bad.tsv"),
                "index\timage\tquestion\tanswer\tcategory\n7\t\tq\tCENTRE\tRegular Text Recognition\n");
        MagicvlException error = assertThrows(MagicvlException.class, () -> BenchmarkData.load(Bench.OCRBENCH, file));
        assertTrue(error.getMessage().contains("index 7"), error.getMessage());
        assertTrue(error.getMessage().contains("Python list literal"), error.getMessage());
    }

    @Test
    void officialScoringRejectsTsvWithoutDatasetName() throws IOException {
        Path file = Files.writeString(tmp.resolve("o.tsv"),
                "index\timage\tquestion\tanswer\tcategory\n4\t\tq\t['x']\tDoc-oriented VQA\n");
        BenchmarkData data = BenchmarkData.load(Bench.OCRBENCH, file);
        Map<Integer, io.magicvl.validator.score.Prediction> predictions =
                Map.of(0, io.magicvl.validator.score.Prediction.text("x"));
        MagicvlException error = assertThrows(MagicvlException.class, () -> io.magicvl.validator.score.BenchScore.score(
                data, predictions, Map.of(), io.magicvl.validator.score.ScoringMode.OFFICIAL));
        assertTrue(error.getMessage().contains("no dataset_name"), error.getMessage());
        assertTrue(error.getMessage().contains("--mode vlmevalkit"), error.getMessage());
        var vlmevalkit = io.magicvl.validator.score.BenchScore.score(data, predictions, Map.of(),
                io.magicvl.validator.score.ScoringMode.VLMEVALKIT);
        assertEquals(1, vlmevalkit.ocrBench().finalScore());
    }

    @Test
    void pythonListLiteralEscapes() {
        assertEquals(List.of("it's", "a\"b", "x\ny", "é"), PythonListLiteral.parse("[\"it's\", 'a\"b', 'x\\ny', '\\xe9']"));
        assertEquals(List.of(), PythonListLiteral.parse("[]"));
        assertThrows(IllegalArgumentException.class, () -> PythonListLiteral.parse("['a' 'b']"));
    }

    @Test
    void quotedTsvFieldsKeepTabsAndNewlines() throws IOException {
        Path file = Files.writeString(tmp.resolve("q.tsv"),
                "index\timage\tquestion\tanswer\tcategory\n1\t\t\"a\tb\n\"\"c\"\"\"\t['x']\tDoc-oriented VQA\n");
        OcrBenchItem item = BenchmarkData.load(Bench.OCRBENCH, file).ocrBenchItems().get(0);
        assertEquals("a\tb\n\"c\"", item.question());
        assertEquals(ImageRef.Kind.NONE, item.image().kind());
    }

    private static String pythonList(List<String> answers) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < answers.size(); i++) {
            out.append(i == 0 ? "" : ", ").append('\'').append(answers.get(i).replace("\\", "\\\\").replace("'", "\\'")
                    .replace("\n", "\\n")).append('\'');
        }
        return out.append(']').toString();
    }

    private static String quote(String text) {
        return text.contains("\t") || text.contains("\n") || text.contains("\"")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
