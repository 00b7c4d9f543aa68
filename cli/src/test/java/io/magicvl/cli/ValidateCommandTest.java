package io.magicvl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.converter.ConvertOptions;
import io.magicvl.converter.Converter;
import io.magicvl.converter.ParityMode;
import io.magicvl.core.Json;
import io.magicvl.core.testing.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code magicvl validate}, {@code merge} and {@code compare} on a real nano export. */
class ValidateCommandTest {
    private static final Path OCR = TestPaths.examples().resolve("nano-bench/ocrbench");

    @TempDir
    static Path shared;

    private static Path export;

    @TempDir
    Path tmp;

    @BeforeAll
    static void convert() {
        export = shared.resolve("fp32");
        Converter.convert(new ConvertOptions(TestPaths.nanoRun().resolve("stage4-advanced"), export, "fp32", null,
                ParityMode.OFF, false));
    }

    private String[] validate(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("validate", export.toString(), "--bench", "ocrbench", "--data",
                OCR.resolve("OCRBench.json").toString(), "--images", OCR.resolve("images").toString(), "--out",
                out.toString(), "--limit", "6"));
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    @Test
    void validateShardsMergeAndCompare() throws IOException {
        ScoreCommandTest.Output whole = ScoreCommandTest.run(validate(tmp.resolve("whole"), "--json"));
        assertEquals(0, whole.exitCode(), whole.err());
        JsonNode score = Json.MAPPER.readTree(whole.out());
        assertEquals(6, score.get("metrics").get("items").asInt());

        for (int i = 1; i <= 2; i++) {
            ScoreCommandTest.Output shard = ScoreCommandTest.run(validate(tmp.resolve("shard" + i), "--shard", i + "/2"));
            assertEquals(0, shard.exitCode(), shard.err());
        }
        ScoreCommandTest.Output merged = ScoreCommandTest.run("merge", tmp.resolve("shard1").toString(),
                tmp.resolve("shard2").toString(), "--out", tmp.resolve("merged").toString(), "--json");
        assertEquals(0, merged.exitCode(), merged.err());
        assertEquals(score.get("metrics"), Json.MAPPER.readTree(merged.out()).get("metrics"));

        // A candidate whose answers were replaced: every correct item of the baseline breaks.
        Path candidate = tmp.resolve("broken");
        Files.createDirectories(candidate);
        Files.copy(tmp.resolve("whole/run.json"), candidate.resolve("run.json"));
        StringBuilder lines = new StringBuilder();
        for (String line : Files.readAllLines(tmp.resolve("whole/predictions.jsonl"), StandardCharsets.UTF_8)) {
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(line);
            node.put("prediction", "~");
            lines.append(node).append('\n');
        }
        Files.writeString(candidate.resolve("predictions.jsonl"), lines);
        Path gates = Files.writeString(tmp.resolve("gates.yaml"), "ocrbench.score: {max_drop: 0, rule: point}\n");
        ScoreCommandTest.Output compare = ScoreCommandTest.run("compare", tmp.resolve("whole").toString(),
                candidate.toString(), "--gates", gates.toString(), "--out", tmp.resolve("report").toString());
        int baselineScore = score.get("metrics").get("score").asInt();
        assertEquals(baselineScore > 0 ? 1 : 0, compare.exitCode(), compare.out() + compare.err());
        assertTrue(compare.out().contains("gate ocrbench.score: drop " + baselineScore + ".0000 points"), compare.out());
        assertTrue(Files.isRegularFile(tmp.resolve("report/junit.xml")));
    }

    @Test
    void resumingWithOtherLimitIsRejected() {
        ScoreCommandTest.Output first = ScoreCommandTest.run(validate(tmp.resolve("run")));
        assertEquals(0, first.exitCode(), first.err());
        String[] other = validate(tmp.resolve("run"));
        other[other.length - 1] = "5";
        ScoreCommandTest.Output second = ScoreCommandTest.run(other);
        assertEquals(2, second.exitCode());
        assertTrue(second.err().contains("limit: 6 vs 5"), second.err());
    }
}
