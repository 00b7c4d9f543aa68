package io.magicvl.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import io.magicvl.runtime.image.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inference loop on a toy export whose logits depend on the cache, positions and mask. */
class ToyExportTest {
    @TempDir
    Path dir;

    private Path image() throws IOException {
        Path file = dir.resolve("image.png");
        ImageIO.write(TestImages.quadrants(100, 70), "png", file.toFile());
        return file;
    }

    @Test
    void cachedDecodingMatchesFullSequence() throws IOException {
        Path export = ToyExport.write(dir.resolve("export"), 512);
        Path image = image();
        try (OnnxVisionLanguageModel model = OnnxVisionLanguageModel.open(export, RuntimeOptions.defaults())) {
            AnswerTrace trace = new AnswerTrace(true);
            Answer answer = model.answer(image, "What is it?", 12, false, trace);

            assertEquals(12, answer.tokenIds().size(), "generated tokens");
            assertEquals(11, trace.stepLogits().size(), "decode steps");
            long[] generated = answer.tokenIds().stream().mapToLong(Integer::longValue).toArray();
            float[] full = model.logitsWithoutCache(image, "What is it?", generated);
            int prompt = answer.promptIds().size();
            int vocab = ToyExport.VOCAB;
            assertRowEquals(full, prompt - 1, trace.firstLogits(), vocab, "first logits");
            for (int step = 0; step < trace.stepLogits().size(); step++) {
                assertRowEquals(full, prompt + step, trace.stepLogits().get(step), vocab, "step " + step);
            }
        }
    }

    private static void assertRowEquals(float[] all, int row, float[] expected, int vocab, String what) {
        double maxDiff = 0;
        for (int i = 0; i < vocab; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(all[row * vocab + i] - expected[i]));
        }
        assertTrue(maxDiff < 1e-3, what + ": max difference " + maxDiff);
    }

    @Test
    void chunkedPrefillGivesSameLogits() throws IOException {
        Path export = ToyExport.write(dir.resolve("export"), 512);
        Path image = image();
        AnswerTrace whole = new AnswerTrace(false);
        AnswerTrace chunked = new AnswerTrace(false);
        try (OnnxVisionLanguageModel model = OnnxVisionLanguageModel.open(export, RuntimeOptions.defaults())) {
            model.answer(image, "What is it?", 4, whole);
        }
        try (OnnxVisionLanguageModel model = OnnxVisionLanguageModel.open(export,
                RuntimeOptions.defaults().withPrefillChunkTokens(7))) {
            model.answer(image, "What is it?", 4, chunked);
        }

        assertArrayEquals(whole.firstLogits(), chunked.firstLogits(), 1e-3f);
    }

    @Test
    void visualTokensReplacePlaceholdersInRasterOrder() throws IOException {
        Path export = ToyExport.write(dir.resolve("export"), 512);
        try (OnnxVisionLanguageModel model = OnnxVisionLanguageModel.open(export, RuntimeOptions.defaults())) {
            AnswerTrace trace = new AnswerTrace(false);
            Answer answer = model.answer(image(), "What is it?", 2, trace);

            // 100 x 70 rounds to 96 x 64: 3 x 2 tokens in 2 x 1 tiles of 64 px.
            assertEquals(6, answer.visualTokens());
            assertEquals(2, answer.tiles());
            int hidden = ToyExport.HIDDEN;
            int[] order = trace.image().tokenOrder();
            assertArrayEquals(new int[] {0, 1, 4, 2, 3, 6}, order);
            for (int k = 0; k < order.length; k++) {
                for (int d = 0; d < hidden; d++) {
                    assertEquals(trace.tileTokens()[order[k] * hidden + d], trace.imageTokens()[k * hidden + d]);
                }
            }
        }
    }

    @Test
    void textOnlyQuestionWorks() throws IOException {
        Path export = ToyExport.write(dir.resolve("export"), 512);
        try (OnnxVisionLanguageModel model = OnnxVisionLanguageModel.open(export, RuntimeOptions.defaults())) {
            Answer answer = model.answer(null, "Hello?", 3, false, null);

            assertEquals(0, answer.visualTokens());
            assertEquals(0, answer.tiles());
            assertEquals(3, answer.tokenIds().size());
            assertEquals(2, answer.timings().decodeStepsNanos().size(), "the prefill gives the first token");
        }
    }

    @Test
    void promptLongerThanContextIsRejected() throws IOException {
        Path export = ToyExport.write(dir.resolve("export"), 40);
        try (OnnxVisionLanguageModel model = OnnxVisionLanguageModel.open(export, RuntimeOptions.defaults())) {
            String question = "word ".repeat(20);

            MagicvlException error = assertThrows(MagicvlException.class, () -> model.answer(null, question, 8));

            assertEquals(MagicvlException.Kind.INVALID_INPUT, error.kind());
            assertTrue(error.getMessage().contains("at most 40 positions"), error.getMessage());
        }
    }

    @Test
    void generationStopsAtContextEnd() throws IOException {
        Path export = ToyExport.write(dir.resolve("export"), 40);
        try (OnnxVisionLanguageModel model = OnnxVisionLanguageModel.open(export, RuntimeOptions.defaults())) {
            Answer answer = model.answer(null, "Hi", 100, false, null);

            assertEquals(40 - answer.promptIds().size(), answer.tokenIds().size());
        }
    }

    @Test
    void missingProviderIsRejected() throws IOException {
        Path export = ToyExport.write(dir.resolve("export"), 512);
        RuntimeOptions options = RuntimeOptions.defaults().withExecutionProvider("nnapi", Map.of());

        MagicvlException error = assertThrows(MagicvlException.class, () -> OnnxVisionLanguageModel.open(export, options));

        assertTrue(error.getMessage().contains("\"nnapi\" is not in this ONNX Runtime build"), error.getMessage());
    }

    @Test
    void unknownProviderIsRejected() throws IOException {
        Path export = ToyExport.write(dir.resolve("export"), 512);
        RuntimeOptions options = RuntimeOptions.defaults().withExecutionProvider("tpu", Map.of());

        MagicvlException error = assertThrows(MagicvlException.class, () -> OnnxVisionLanguageModel.open(export, options));

        assertTrue(error.getMessage().contains("Unknown execution provider \"tpu\""), error.getMessage());
    }

    @Test
    void missingExportIsRejected() {
        Path missing = dir.resolve("nothing");

        MagicvlException error = assertThrows(MagicvlException.class,
                () -> OnnxVisionLanguageModel.open(missing, RuntimeOptions.defaults()));

        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
    }
}
