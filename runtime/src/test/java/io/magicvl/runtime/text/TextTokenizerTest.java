package io.magicvl.runtime.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Qwen3 tokenizer through DJL against ids from an independent implementation. */
class TextTokenizerTest {
    private static TextTokenizer qwen3;
    private static JsonNode golden;

    static Path qwen3Folder() {
        return TestPaths.shared().resolve("tokenizers/qwen3");
    }

    @BeforeAll
    static void load() throws IOException {
        qwen3 = TextTokenizer.open(qwen3Folder().resolve("tokenizer.json"));
        golden = Json.MAPPER.readTree(qwen3Folder().resolve("golden_ids.json").toFile());
    }

    @AfterAll
    static void close() {
        if (qwen3 != null) {
            qwen3.close();
        }
    }

    static long[] ids(JsonNode array) {
        long[] ids = new long[array.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = array.get(i).asLong();
        }
        return ids;
    }

    @Test
    void goldenStringsEncodeToGoldenIds() {
        assertTrue(golden.get("cases").size() >= 8, "golden cases");
        for (JsonNode item : golden.get("cases")) {
            String text = item.get("text").asText();

            assertArrayEquals(ids(item.get("ids")), qwen3.encode(text), "ids of " + text);
        }
    }

    @Test
    void goldenIdsDecodeToText() {
        for (JsonNode item : golden.get("cases")) {
            String text = item.get("text").asText();

            assertEquals(text, qwen3.decode(ids(item.get("ids")), false), "text of " + item.get("ids"));
        }
    }

    @Test
    void longTextIsNotTruncated() {
        // Special tokens split the text, so the ids of the repeated text are the repeated ids.
        JsonNode first = golden.get("cases").get(0);
        long imEnd = qwen3.tokenId("<|im_end|>");
        String text = ("<|im_end|>" + first.get("text").asText()).repeat(100);
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(imEnd);
            for (long id : ids(first.get("ids"))) {
                expected.add(id);
            }
        }

        long[] actual = qwen3.encode(text);

        assertTrue(actual.length > 512, "more than 512 ids: " + actual.length);
        assertArrayEquals(expected.stream().mapToLong(Long::longValue).toArray(), actual);
    }

    @Test
    void tokenIdRejectsPlainText(@TempDir Path dir) {
        MagicvlException error = assertThrows(MagicvlException.class, () -> qwen3.tokenId("<IMG_CONTEXT>"));

        assertTrue(error.getMessage().contains("<IMG_CONTEXT>"), error.getMessage());
    }

    @Test
    void missingTokenizerIsRejected(@TempDir Path dir) {
        Path file = dir.resolve("tokenizer.json");

        MagicvlException error = assertThrows(MagicvlException.class, () -> TextTokenizer.open(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }
}
