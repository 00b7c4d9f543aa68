package io.magicvl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.testing.TestPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code magicvl score} on the golden HallusionBench grouping set and its errors. */
class ScoreCommandTest {
    @TempDir
    Path tmp;

    @Test
    void jsonMetricsMatchGoldenVlmevalkitTable() throws IOException {
        JsonNode golden = Json.MAPPER.readTree(
                TestPaths.shared().resolve("golden/scoring/hallusionbench_group_cases.json").toFile());
        StringBuilder data = new StringBuilder("[");
        StringBuilder predictions = new StringBuilder();
        int pos = 0;
        for (JsonNode r : golden.get("records")) {
            var item = Json.MAPPER.createObjectNode();
            for (String field : new String[] {"category", "subcategory", "visual_input", "set_id", "figure_id",
                    "question_id", "gt_answer"}) {
                item.put(field, r.get(field).textValue());
            }
            item.put("question", "q");
            item.put("filename", r.get("visual_input").textValue().equals("0") ? null : "./x" + pos + ".png");
            data.append(pos == 0 ? "" : ",").append(item);
            var line = Json.MAPPER.createObjectNode();
            line.put("pos", pos++);
            line.put("prediction", r.get("prediction").textValue());
            predictions.append(line).append('\n');
        }
        Path dataFile = Files.writeString(tmp.resolve("HallusionBench.json"), data.append("]"));
        Path predictionsFile = Files.writeString(tmp.resolve("p.jsonl"), predictions);

        Output output = run("score", "--bench", "hallusionbench", "--data", dataFile.toString(), "--predictions",
                predictionsFile.toString(), "--mode", "vlmevalkit", "--json");
        assertEquals(0, output.exitCode, output.err);
        JsonNode metrics = Json.MAPPER.readTree(output.out).get("metrics");
        JsonNode expected = golden.get("expected").get("vlmevalkit").get("table").get("Overall");
        assertEquals(expected.get("aAcc").asDouble(), metrics.get("aAcc").asDouble());
        assertEquals(expected.get("fAcc").asDouble(), metrics.get("fAcc").asDouble());
        assertEquals(expected.get("qAcc").asDouble(), metrics.get("qAcc").asDouble());
        assertEquals((expected.get("aAcc").asDouble() + expected.get("fAcc").asDouble() + expected.get("qAcc").asDouble()) / 3,
                metrics.get("mean").asDouble(), 1e-12);
    }

    @Test
    void duplicatePositionIsInvalidInput() throws IOException {
        Path predictions = Files.writeString(tmp.resolve("p.jsonl"),
                "{\"pos\": 3, \"prediction\": \"a\"}\n{\"pos\": 3, \"prediction\": \"b\"}\n");
        Output output = run("score", "--bench", "ocrbench", "--data",
                TestPaths.examples().resolve("nano-bench/ocrbench/OCRBench.json").toString(), "--predictions",
                predictions.toString(), "--mode", "official");
        assertEquals(2, output.exitCode);
        assertTrue(output.err.contains("pos 3 already appeared on line 1"), output.err);
    }

    record Output(int exitCode, String out, String err) {}

    static Output run(String... args) {
        PrintStream originalOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var commandLine = Main.newCommandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        commandLine.setErr(new java.io.PrintWriter(err));
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = commandLine.execute(args);
        } finally {
            System.setOut(originalOut);
        }
        return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }
}
