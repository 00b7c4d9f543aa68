package io.magicvl.validator.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.validator.data.HallusionItem;
import io.magicvl.validator.data.ImageRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HallusionBench grouping golden set, scored in both modes. */
class HallusionGoldenTest {
    private static JsonNode golden;
    private static List<HallusionItem> items;
    private static Map<Integer, Prediction> predictions;

    @BeforeAll
    static void load() throws IOException {
        golden = Json.MAPPER.readTree(
                TestPaths.shared().resolve("golden/scoring/hallusionbench_group_cases.json").toFile());
        items = new ArrayList<>();
        predictions = new HashMap<>();
        for (JsonNode r : golden.get("records")) {
            int pos = items.size();
            int visualInput = Integer.parseInt(r.get("visual_input").textValue());
            ImageRef image = visualInput == 0 ? ImageRef.none() : ImageRef.file("img" + pos + ".png");
            items.add(new HallusionItem(pos, r.get("category").textValue(), r.get("subcategory").textValue(),
                    visualInput, r.get("set_id").textValue(), r.get("figure_id").textValue(),
                    r.get("question_id").textValue(), "q", r.get("gt_answer").textValue(), "", image));
            predictions.put(pos, Prediction.text(r.get("prediction").textValue()));
        }
    }

    @Test
    void vlmevalkitPerItemAndTable() {
        HallusionScore score = HallusionScorer.score(items, predictions, Map.of(), ScoringMode.VLMEVALKIT);
        JsonNode expected = golden.get("expected").get("vlmevalkit");
        JsonNode perItem = expected.get("per_item");
        int counted = 0;
        for (int i = 0; i < items.size(); i++) {
            String index = golden.get("records").get(i).get("vlmevalkit_index").textValue();
            ItemScore result = score.items().get(i);
            if (!perItem.has(index)) {
                assertEquals(false, result.counted(), index + " is not scored");
                continue;
            }
            counted++;
            assertEquals(perItem.get(index).get("extracted").textValue(), result.extracted(), index);
            assertEquals(perItem.get(index).get("score").asBoolean(), result.correct(), index);
        }
        assertEquals(perItem.size(), counted);
        JsonNode table = expected.get("table");
        assertEquals(table.size(), score.table().size());
        table.fields().forEachRemaining(row -> {
            for (String metric : List.of("aAcc", "fAcc", "qAcc")) {
                assertEquals(row.getValue().get(metric).asDouble(), score.table().get(row.getKey()).get(metric),
                        row.getKey() + " " + metric);
            }
        });
        assertEquals(table.get("Overall").get("aAcc").asDouble(), score.aAcc());
    }

    @Test
    void officialWithGivenJudgeLabels() {
        Map<Integer, String> labels = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            labels.put(i, golden.get("records").get(i).get("gpt4v_output_gpt_check").textValue());
        }
        checkOfficial(HallusionScorer.score(items, predictions, labels, ScoringMode.OFFICIAL));
    }

    @Test
    void officialWithDerivedJudgeLabels() {
        HallusionScore score = HallusionScorer.score(items, predictions, Map.of(), ScoringMode.OFFICIAL);
        for (int i = 0; i < items.size(); i++) {
            String expected = golden.get("records").get(i).get("gpt4v_output_gpt_check").textValue();
            assertEquals(expected, score.items().get(i).extracted(), "derived judge label of item " + i);
        }
        checkOfficial(score);
    }

    private static void checkOfficial(HallusionScore score) {
        JsonNode expected = golden.get("expected").get("official_tianyi_lab");
        for (int i = 0; i < items.size(); i++) {
            String index = golden.get("records").get(i).get("vlmevalkit_index").textValue();
            assertEquals(expected.get("per_item_correct").get(index).asInt() == 1, score.items().get(i).correct(), index);
        }
        OfficialHallusionReport official = score.official();
        assertEquals(expected.get("q_acc_gpt").asDouble(), official.aAcc());
        assertEquals(expected.get("pair_acc_gpt").asDouble(), official.qAcc());
        assertEquals(expected.get("figure_acc_gpt").asDouble(), official.fAcc());
        assertEquals(expected.get("easy_acc_gpt").asDouble(), official.easy());
        assertEquals(expected.get("hard_acc_gpt").asDouble(), official.hard());
        assertEquals(expected.get("q_acc_gpt").asDouble(), OfficialHallusionReport.round4(score.aAcc()));
        assertEquals(expected.get("pair_acc_gpt").asDouble(), OfficialHallusionReport.round4(score.qAcc()));
        assertEquals(expected.get("figure_acc_gpt").asDouble(), OfficialHallusionReport.round4(score.fAcc()));

        JsonNode table1 = expected.get("table1");
        for (int row = 1; row < table1.size(); row++) {
            String name = table1.get(row).get(0).textValue();
            assertEquals(table1.get(row).get(1).asDouble(), official.perQuestion().get(name), "table1 " + name);
        }
        JsonNode table2 = expected.get("table2");
        for (int row = 1; row < table2.size(); row++) {
            String name = table2.get(row).get(0).textValue();
            for (int col = 1; col < table2.get(0).size(); col++) {
                String column = table2.get(0).get(col).textValue();
                assertEquals(table2.get(row).get(col).asDouble(), official.perFigure().get(name).get(column),
                        "table2 " + name + " " + column);
            }
        }
        JsonNode table3 = expected.get("table3");
        for (int row = 1; row < table3.size(); row++) {
            String name = table3.get(row).get(0).textValue();
            for (int col = 1; col < table3.get(0).size(); col++) {
                String column = table3.get(0).get(col).textValue();
                assertEquals(table3.get(row).get(col).asDouble(), official.perPair().get(name).get(column),
                        "table3 " + name + " " + column);
            }
        }
        expected.get("figure_stats").fields().forEachRemaining(split -> {
            for (String key : List.of("total", "correct", "wrong", "inconsistent")) {
                assertEquals(split.getValue().get(key).asInt(), official.figureStats().get(split.getKey()).get(key).intValue(),
                        "figure_stats " + split.getKey() + " " + key);
            }
            assertEquals(split.getValue().get("score").asDouble(),
                    official.figureStats().get(split.getKey()).get("score").doubleValue(), "figure score " + split.getKey());
        });
        expected.get("question_stats").fields().forEachRemaining(stat ->
                assertEquals(stat.getValue().asInt(), official.questionStats().get(stat.getKey()), stat.getKey()));
        assertEquals(expected.get("stats").get("diff").asDouble(), official.yesNoBias().get("diff"));
        assertEquals(expected.get("stats").get("fp").asDouble(), official.yesNoBias().get("fp"));
        assertEquals(expected.get("easy_pairs").get("correct").asInt() * 100.0 / expected.get("easy_pairs").get("total").asInt(),
                official.easy(), 1e-4);
    }
}
