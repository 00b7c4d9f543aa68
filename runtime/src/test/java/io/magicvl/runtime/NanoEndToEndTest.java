package io.magicvl.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.converter.ConvertOptions;
import io.magicvl.converter.Converter;
import io.magicvl.converter.ParityMode;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.runtime.image.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nano fixture converted to fp32 and run end to end against the reference outputs: greedy
 * answers, prompt ids, visual tokens and first-step logits for every golden image, then cache
 * correctness and bad input on the real graphs.
 */
class NanoEndToEndTest {
    /** fp32 exports match the reference within about 1e-5 here; 1e-4 is the bound the fixtures promise. */
    private static final double TOKEN_TOLERANCE = 1e-4;
    private static final double LOGIT_TOLERANCE = 1e-4;

    @TempDir
    static Path exports;

    private static OnnxVisionLanguageModel nano;

    static Path convert(Path checkpoint, String name) {
        Path out = exports.resolve(name);
        Converter.Result result = Converter.convert(new ConvertOptions(checkpoint, out, "fp32", null, ParityMode.OFF, false));
        return result.folder();
    }

    @BeforeAll
    static void open() {
        Path export = convert(TestPaths.nanoRun().resolve("stage4-advanced"), "nano");
        nano = OnnxVisionLanguageModel.open(export, RuntimeOptions.defaults().withIntraOpThreads(1));
    }

    @AfterAll
    static void close() {
        if (nano != null) {
            nano.close();
        }
    }

    @Test
    void answersMatchReferenceForEveryImage() {
        try (Golden golden = Golden.load("nano-dev.safetensors")) {
            assertTrue(golden.images() >= 8, "golden images");
            for (int n = 0; n < golden.images(); n++) {
                checkImage(nano, golden, n);
            }
        }
    }

    static void checkImage(OnnxVisionLanguageModel model, Golden golden, int n) {
        String name = golden.metadata("i" + n + ".image");
        long[] expectedIds = golden.ids(n, "generated_ids");
        if (expectedIds.length == 1 && expectedIds[0] == -1) {
            expectedIds = new long[0];
        }
        AnswerTrace trace = new AnswerTrace(false);

        Answer answer = model.answer(golden.image(n), golden.metadata("question"), 24, trace);

        assertArrayEquals(golden.ids(n, "prompt_ids"), trace.promptIds(), "prompt ids of " + name);
        assertTrue(maxDiff(golden.tensor("i" + n + ".image_tokens"), trace.imageTokens()) <= TOKEN_TOLERANCE,
                "visual tokens of " + name + ": " + maxDiff(golden.tensor("i" + n + ".image_tokens"), trace.imageTokens()));
        assertTrue(maxDiff(golden.tensor("i" + n + ".logits"), trace.firstLogits()) <= LOGIT_TOLERANCE,
                "first logits of " + name + ": " + maxDiff(golden.tensor("i" + n + ".logits"), trace.firstLogits()));
        assertArrayEquals(expectedIds, answer.tokenIds().stream().mapToLong(Integer::longValue).toArray(),
                "generated ids of " + name);
        assertEquals(golden.metadata("i" + n + ".answer"), answer.text(), "answer of " + name);
    }

    static double maxDiff(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "element count");
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        return max;
    }

    @Test
    void qwen25VariantMatchesReference() {
        Path export = convert(TestPaths.shared().resolve("fixtures/variants/qwen25-t128"), "qwen25");
        try (OnnxVisionLanguageModel model = OnnxVisionLanguageModel.open(export, RuntimeOptions.defaults());
                Golden golden = Golden.load("qwen25-t128-dev.safetensors")) {
            for (int n = 0; n < golden.images(); n++) {
                checkImage(model, golden, n);
            }
        }
    }

    @Test
    void cachedDecodingMatchesFullSequence() {
        Path image = Golden.folder().resolve("images/word.png");
        String question = "What colour is the shape?";
        AnswerTrace trace = new AnswerTrace(true);

        Answer answer = nano.answer(image, question, 16, false, trace);
        long[] generated = answer.tokenIds().stream().mapToLong(Integer::longValue).toArray();
        float[] full = nano.logitsWithoutCache(image, question, generated);

        assertEquals(16, generated.length);
        int vocab = nano.manifest().decoder().vocabSize();
        int prompt = answer.promptIds().size();
        double first = maxDiff(Arrays.copyOfRange(full, (prompt - 1) * vocab, prompt * vocab), trace.firstLogits());
        assertTrue(first < 1e-4, "first logits differ by " + first);
        for (int step = 0; step < trace.stepLogits().size(); step++) {
            int row = prompt + step;
            double diff = maxDiff(Arrays.copyOfRange(full, row * vocab, (row + 1) * vocab), trace.stepLogits().get(step));
            assertTrue(diff < 1e-4, "step " + step + " logits differ by " + diff);
        }
    }

    @Test
    void textOnlyQuestionIsAnswered() {
        Answer answer = nano.answer(null, "Is the sky blue?", 8);

        assertEquals(0, answer.visualTokens());
        assertTrue(answer.promptIds().stream().noneMatch(id -> id == nano.manifest().prompt().imageContextId()));
        assertTrue(answer.tokenIds().size() <= 8);
    }

    @Test
    void unreadableImageIsRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.png");
        Files.writeString(file, "not a picture");

        MagicvlException error = assertThrows(MagicvlException.class, () -> nano.answer(file, "What?", 4));

        assertEquals(MagicvlException.Kind.INVALID_INPUT, error.kind());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void zeroSizeImageIsRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("empty.png");
        TestImages.writeEmptyPng(file, 32, 0);

        MagicvlException error = assertThrows(MagicvlException.class, () -> nano.answer(file, "What?", 4));

        assertTrue(error.getMessage().contains("zero size (32x0"), error.getMessage());
    }

    @Test
    void hundredMegapixelImageIsAnswered(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.png");
        TestImages.writeHalvesPng(file, 10_000, 10_000);

        Answer answer = nano.answer(file, "What colour is it?", 4);

        int maxTiles = nano.manifest().preprocess().maxTiles();
        assertTrue(answer.tiles() <= maxTiles, "tiles " + answer.tiles());
        assertTrue(answer.visualTokens() > 0);
    }

    @Test
    void questionLongerThanContextIsRejected() {
        int maxPositions = nano.manifest().decoder().maxPositions();
        String question = "a".repeat(maxPositions);

        MagicvlException error = assertThrows(MagicvlException.class, () -> nano.answer(null, question, 4));

        assertTrue(error.getMessage().contains("at most " + maxPositions + " positions"), error.getMessage());
    }
}
