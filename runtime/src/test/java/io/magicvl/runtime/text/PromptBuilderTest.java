package io.magicvl.runtime.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.runtime.Golden;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptBuilderTest {
    static Path nanoTokenizer() {
        return TestPaths.shared().resolve("fixtures/magicvl-nano/stage4-advanced/tokenizer.json");
    }

    /** Returns a prompt spec whose ids come from {@code tokenizer}, as the converter writes it. */
    static PromptSpec spec(TextTokenizer tokenizer, String template, String system, Long bos, boolean think) {
        return new PromptSpec(template, system, bos != null, bos, "<img>", "</img>", "<IMG_CONTEXT>",
                tokenizer.tokenId("<img>"), tokenizer.tokenId("</img>"), tokenizer.tokenId("<IMG_CONTEXT>"),
                List.of(tokenizer.tokenId("<|im_end|>")), think);
    }

    @Test
    void nanoPromptsMatchGoldenIds() {
        try (Golden golden = Golden.load("nano-dev.safetensors");
                TextTokenizer tokenizer = TextTokenizer.open(nanoTokenizer())) {
            PromptBuilder builder = new PromptBuilder(tokenizer, spec(tokenizer, PromptSpec.QWEN_CHAT, null, null, false));
            for (int n = 0; n < golden.images(); n++) {
                String[] grid = golden.metadata("i" + n + ".token_grid").split("x");
                int tokens = Integer.parseInt(grid[0]) * Integer.parseInt(grid[1]);

                Prompt prompt = builder.build(golden.metadata("question"), tokens);

                assertArrayEquals(golden.ids(n, "prompt_ids"), prompt.ids(), "prompt ids of image " + n);
                assertEquals(tokens, prompt.placeholderPositions().length);
            }
        }
    }

    @Test
    void textOnlyPromptHasNoImageBlock() {
        try (TextTokenizer tokenizer = TextTokenizer.open(nanoTokenizer())) {
            PromptSpec spec = spec(tokenizer, PromptSpec.QWEN_CHAT, null, null, false);
            PromptBuilder builder = new PromptBuilder(tokenizer, spec);

            Prompt prompt = builder.build("Is it red?", 0);

            assertEquals("<|im_start|>user\nIs it red?<|im_end|>\n<|im_start|>assistant\n",
                    tokenizer.decode(prompt.ids(), false));
            assertTrue(Arrays.stream(prompt.ids()).noneMatch(id -> id == spec.imageStartId()), "no <img>");
            assertEquals(0, prompt.placeholderPositions().length);
        }
    }

    @Test
    void internVlPromptStartsWithBosAndSystem() {
        try (TextTokenizer tokenizer = TextTokenizer.open(nanoTokenizer())) {
            long bos = tokenizer.tokenId("<|endoftext|>");
            PromptSpec spec = spec(tokenizer, PromptSpec.INTERNVL2_5, "You are a helpful assistant.", bos, false);

            Prompt prompt = new PromptBuilder(tokenizer, spec).build("Q?", 2);

            assertEquals(bos, prompt.ids()[0], "BOS first");
            assertEquals("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n"
                            + "<img><IMG_CONTEXT><IMG_CONTEXT></img>\nQ?<|im_end|>\n<|im_start|>assistant\n",
                    tokenizer.decode(Arrays.copyOfRange(prompt.ids(), 1, prompt.ids().length), false));
            assertEquals(spec.imageStartId(), prompt.ids()[prompt.placeholderPositions()[0] - 1]);
        }
    }

    @Test
    void questionWithPlaceholderIsRejected() {
        try (TextTokenizer tokenizer = TextTokenizer.open(nanoTokenizer())) {
            PromptBuilder builder = new PromptBuilder(tokenizer, spec(tokenizer, PromptSpec.QWEN_CHAT, null, null, false));

            MagicvlException error = assertThrows(MagicvlException.class, () -> builder.build("a <IMG_CONTEXT> b", 3));

            assertTrue(error.getMessage().contains("<IMG_CONTEXT>"), error.getMessage());
        }
    }

    /** Qwen3's tokenizer.json with the three InternVL image tokens added, as MagicVL-2B ships it. */
    static Path magicvl2bTokenizer(Path dir) throws IOException {
        Path qwen3 = TestPaths.shared().resolve("tokenizers/qwen3/tokenizer.json");
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(qwen3.toFile());
        ArrayNode added = (ArrayNode) root.get("added_tokens");
        long next = 0;
        for (JsonNode token : added) {
            next = Math.max(next, token.get("id").asLong() + 1);
        }
        for (String content : List.of("<img>", "</img>", "<IMG_CONTEXT>")) {
            ObjectNode token = added.addObject();
            token.put("id", next++);
            token.put("content", content);
            token.put("single_word", false);
            token.put("lstrip", false);
            token.put("rstrip", false);
            token.put("normalized", false);
            token.put("special", true);
        }
        Path file = dir.resolve("tokenizer.json");
        Json.MAPPER.writeValue(file.toFile(), root);
        return file;
    }

    @Test
    void magicvl2bPromptUsesAddedImageTokens(@TempDir Path dir) throws IOException {
        JsonNode golden = Json.MAPPER.readTree(
                TestPaths.shared().resolve("tokenizers/qwen3/golden_ids.json").toFile());
        // The golden chat case: <|im_start|>user\n<img><IMG_CONTEXT></img>\nDescribe the image.<|im_end|>\n...
        JsonNode chat = null;
        for (JsonNode item : golden.get("cases")) {
            if (item.get("text").asText().startsWith("<|im_start|>user\n<img>")) {
                chat = item;
            }
        }
        long[] chatIds = TextTokenizerTest.ids(chat.get("ids"));
        long imStart = chatIds[0];
        long imEnd = chatIds[chatIds.length - 5];

        try (TextTokenizer tokenizer = TextTokenizer.open(magicvl2bTokenizer(dir))) {
            PromptSpec spec = spec(tokenizer, PromptSpec.QWEN_CHAT, null, null, true);
            long[] plainIds = TextTokenizerTest.ids(chat.get("ids"));
            long vocabEnd = Arrays.stream(plainIds).max().getAsLong();

            Prompt prompt = new PromptBuilder(tokenizer, spec).build("Describe the image.", 4);

            long[] ids = prompt.ids();
            assertTrue(spec.imageStartId() > vocabEnd, "<img> added after the vocabulary");
            assertTrue(spec.imageContextId() > vocabEnd, "<IMG_CONTEXT> added after the vocabulary");
            // "<|im_start|>user\n" has the golden ids.
            assertArrayEquals(Arrays.copyOfRange(chatIds, 0, 3), Arrays.copyOfRange(ids, 0, 3));
            assertEquals(spec.imageStartId(), ids[3]);
            for (int k = 0; k < 4; k++) {
                assertEquals(4 + k, prompt.placeholderPositions()[k]);
                assertEquals(spec.imageContextId(), ids[4 + k]);
            }
            assertEquals(spec.imageEndId(), ids[8]);
            // "<|im_end|>\n<|im_start|>assistant\n" has the golden ids, then the empty think block.
            int end = indexOf(ids, imEnd);
            assertArrayEquals(Arrays.copyOfRange(chatIds, chatIds.length - 5, chatIds.length),
                    Arrays.copyOfRange(ids, end, end + 5));
            assertEquals(imStart, ids[end + 2]);
            assertEquals("<think>\n\n</think>\n\n",
                    tokenizer.decode(Arrays.copyOfRange(ids, end + 5, ids.length), false));
            assertEquals("\nDescribe the image.", tokenizer.decode(Arrays.copyOfRange(ids, 9, end), false));
        }
    }

    private static int indexOf(long[] ids, long id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }
}
