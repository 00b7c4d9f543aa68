package io.magicvl.validator.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.validator.data.ImageRef;
import io.magicvl.validator.data.OcrBenchItem;
import io.magicvl.validator.text.SpreadsheetRoundTrip;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every OCRBench golden case, in both modes, with the values the upstream code produced. */
class OcrBenchGoldenTest {
    private static JsonNode golden;
    private static List<OcrBenchItem> items;
    private static List<Prediction> predictions;

    @BeforeAll
    static void load() throws IOException {
        golden = Json.MAPPER.readTree(
                TestPaths.shared().resolve("golden/scoring/ocrbench_unit_cases.json").toFile());
        items = new ArrayList<>();
        predictions = new ArrayList<>();
        int pos = 0;
        for (JsonNode c : golden.get("cases")) {
            items.add(item(pos++, c));
            predictions.add(c.path("predict_absent").asBoolean(false) ? Prediction.absent() : Prediction.fromJson(c.get("predict")));
        }
    }

    private static OcrBenchItem item(int pos, JsonNode c) {
        List<String> answers = new ArrayList<>();
        if (c.get("answers").isArray()) {
            c.get("answers").forEach(a -> answers.add(a.textValue()));
        } else {
            answers.add(c.get("answers").textValue());
        }
        return new OcrBenchItem(pos, c.get("dataset_name").textValue(), c.get("case_id").textValue(), "q", answers,
                c.get("type").textValue(), ImageRef.none());
    }

    @Test
    void officialResultOfEveryCase() {
        for (int i = 0; i < items.size(); i++) {
            JsonNode expected = golden.get("cases").get(i).get("expected").get("official_multimodalocr");
            String caseId = items.get(i).id();
            OcrBenchItem item = items.get(i);
            Prediction prediction = predictions.get(i);
            if (expected.has("error")) {
                MagicvlException error = assertThrows(MagicvlException.class,
                        () -> OcrBenchScorer.scoreOfficial(item, prediction), caseId);
                assertTrue(error.getMessage().contains("item " + i), error.getMessage());
                continue;
            }
            ItemScore result = OcrBenchScorer.scoreOfficial(item, prediction);
            if (expected.get("result").isNull()) {
                assertEquals(false, result.counted(), caseId + " is skipped");
            } else {
                assertEquals(true, result.counted(), caseId + " is scored");
                assertEquals(expected.get("result").asInt() == 1, result.correct(), caseId);
            }
        }
    }

    @Test
    void vlmevalkitResultOfEveryCase() {
        for (int i = 0; i < items.size(); i++) {
            JsonNode c = golden.get("cases").get(i);
            JsonNode expected = c.get("expected").get("vlmevalkit");
            String scored = scoredAlone(i);
            String caseId = items.get(i).id();
            assertEquals(expected.get("prediction_as_scored").textValue(), scored, caseId + " text as scored");
            ItemScore result = OcrBenchScorer.scoreVlmevalkit(items.get(i), scored);
            assertEquals(expected.get("correct").asInt() == 1, result.correct(), caseId);
        }
    }

    @Test
    void vlmevalkitAggregateOverAllCases() {
        // The golden aggregate sums the cases as each was scored in its own prediction file.
        List<ItemScore> results = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            results.add(OcrBenchScorer.scoreVlmevalkit(items.get(i), scoredAlone(i)));
        }
        OcrBenchScore score = OcrBenchScore.of(ScoringMode.VLMEVALKIT, items, results);
        JsonNode expected = golden.get("aggregate_over_cases").get("vlmevalkit_all_cases").get("score");
        assertEquals(expected.get("Text Recognition").asInt(), score.textRecognition());
        for (String group : List.of("Scene Text-centric VQA", "Doc-oriented VQA", "Key Information Extraction",
                "Handwritten Mathematical Expression Recognition")) {
            assertEquals(expected.get(group).asInt(), score.perType().get(group), group);
        }
        assertEquals(expected.get("Final Score").asInt(), score.finalScore());
        assertEquals(expected.get("Final Score Norm").asDouble(), score.finalScoreNorm());
    }

    @Test
    void officialDatasetFallbackWithUnknownDataset() {
        JsonNode expected = golden.get("aggregate_over_cases").get("official_multimodalocr_with_unknown_dataset");
        OfficialDatasetReport report = officialReport(expected.get("excluded_cases"));
        assertEquals(expected.get("error").textValue(), report.error());
        assertEquals(expected.get("stdout").textValue(), stdout(report));
    }

    @Test
    void officialDatasetFallbackWithKnownDatasets() {
        JsonNode expected = golden.get("aggregate_over_cases").get("official_multimodalocr_known_datasets_only");
        OfficialDatasetReport report = officialReport(expected.get("excluded_cases"));
        assertEquals(expected.get("error").textValue(), report.error());
        assertEquals(expected.get("stdout").textValue(), stdout(report));
    }

    @Test
    void thousandItemsUseTypeSums() {
        List<OcrBenchItem> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(new OcrBenchItem(i, "NotInTheList", "x", "q", List.of("a"), "Doc-oriented VQA", ImageRef.none()));
        }
        OcrBenchScore score = OcrBenchScorer.score(many, Map.of(0, Prediction.text("a")), ScoringMode.OFFICIAL);
        assertEquals(1, score.finalScore());
        assertEquals(false, score.officialDatasetReport().applies());
        assertNull(score.officialDatasetReport().error());
    }

    /** Returns the text as scored when case {@code i} is written to its own file, as the golden run did. */
    private static String scoredAlone(int i) {
        JsonNode c = golden.get("cases").get(i);
        boolean singleRow = c.get("expected").path("vlmevalkit_note").asText("").contains("WITHOUT the padding row");
        List<Prediction> column = singleRow
                ? List.of(predictions.get(i))
                : List.of(predictions.get(i), Prediction.text("padding row"));
        return SpreadsheetRoundTrip.apply(column).get(0);
    }

    private static OfficialDatasetReport officialReport(JsonNode excluded) {
        List<String> skip = new ArrayList<>();
        excluded.forEach(e -> skip.add(e.textValue()));
        List<OcrBenchItem> kept = new ArrayList<>();
        Map<Integer, Prediction> byPos = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            OcrBenchItem item = items.get(i);
            if (skip.contains(item.id())) {
                continue;
            }
            OcrBenchItem renumbered = new OcrBenchItem(kept.size(), item.datasetName(), item.id(), item.question(),
                    item.answers(), item.type(), item.image());
            byPos.put(kept.size(), predictions.get(i));
            kept.add(renumbered);
        }
        return OcrBenchScorer.score(kept, byPos, ScoringMode.OFFICIAL).officialDatasetReport();
    }

    private static String stdout(OfficialDatasetReport report) {
        StringBuilder out = new StringBuilder();
        report.lines().forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }
}
