package io.magicvl.validator.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.validator.score.Prediction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every yes/no golden case: punctuation processing, tokens and extraction before and after the spreadsheet round trip. */
class YesNoGoldenTest {
    @Test
    void everyCaseMatchesVlmevalkit() throws IOException {
        JsonNode golden = Json.MAPPER.readTree(
                TestPaths.shared().resolve("golden/scoring/hallusionbench_yorn_cases.json").toFile());
        int checked = 0;
        for (JsonNode c : golden.get("cases")) {
            String prediction = c.get("prediction").textValue();
            JsonNode expected = c.get("expected");
            String id = "case " + c.get("case_id") + " " + prediction;
            assertEquals(expected.get("vlmevalkit_process_punctuation_of_lowercased").textValue(),
                    YesNoExtractor.processPunctuation(PyStrings.lower(prediction)), id);
            List<String> words = new ArrayList<>();
            expected.get("vlmevalkit_words").forEach(w -> words.add(w.textValue()));
            assertEquals(words, YesNoExtractor.words(prediction), id);
            assertEquals(expected.get("vlmevalkit_YOrN_Extraction").textValue(),
                    YesNoExtractor.extract(prediction).label(), id);
            String afterRoundTrip = SpreadsheetRoundTrip.apply(
                    List.of(Prediction.text(prediction), Prediction.text("padding row"))).get(0);
            assertEquals(expected.get("vlmevalkit_evaluate_extracted_after_xlsx").textValue(),
                    YesNoExtractor.extract(afterRoundTrip).label(), id);
            checked++;
        }
        assertEquals(golden.get("cases").size(), checked);
    }
}
