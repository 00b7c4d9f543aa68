package io.magicvl.converter.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.model.ModelConfig;
import io.magicvl.core.safetensors.SafetensorsFile;
import io.magicvl.core.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the reference with the outputs of an independent PyTorch implementation stored in
 * the fixtures' golden files: tower output, tile tokens, image tokens, last-position logits
 * and greedy ids for every golden image.
 */
class ReferenceGoldenTest {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceGoldenTest.class);

    /** Max absolute error allowed between float32 computations of the same math. */
    private static final double TOLERANCE = 1e-4;
    /** New-token limit the golden generations were produced with. */
    private static final int MAX_NEW_TOKENS = 24;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "magicvl-nano/stage4-advanced, golden/nano-dev.safetensors",
        "variants/qwen25-t128, golden/qwen25-t128-dev.safetensors"
    })
    void matchesPytorchOutputs(String checkpointFolder, String goldenFile) {
        Path fixtures = TestPaths.shared().resolve("fixtures");
        Path folder = fixtures.resolve(checkpointFolder);
        Path golden = fixtures.resolve(goldenFile);
        Assumptions.assumeTrue(Files.isRegularFile(golden), "golden file not found: " + golden);

        ReferenceModel model = ReferenceModel.load(folder);
        try (SafetensorsFile expected = SafetensorsFile.open(golden)) {
            Map<String, String> metadata = expected.metadata();
            int images = 0;
            for (int n = 0; metadata.containsKey("i" + n + ".image"); n++) {
                checkImage(model.config(), model.vision(), model.decoder(), expected, metadata, "i" + n + ".");
                images++;
            }
            assertTrue(images > 0, "no images in " + golden);
        }
    }

    private static void checkImage(ModelConfig config, ReferenceVision vision, ReferenceDecoder decoder,
            SafetensorsFile expected, Map<String, String> metadata, String key) {
        String label = metadata.get(key + "image");
        float[] pixels = expected.readFloats(key + "pixel_tiles");
        int tiles = (int) expected.info(key + "pixel_tiles").dim(0);
        long[] patchMask = toLongs(expected.readFloats(key + "patch_mask"));

        long start = System.nanoTime();
        ReferenceVision.Output output = vision.runWithHidden(pixels, patchMask, tiles);
        long visionNanos = System.nanoTime() - start;
        int[] tileGrid = grid(metadata.get(key + "tile_grid"));
        int[] tokenGrid = grid(metadata.get(key + "token_grid"));
        float[][] imageTokens = ReferenceVision.gatherImageTokens(output.tokens(), tileGrid[0], tileGrid[1],
                tokenGrid[0], tokenGrid[1]);

        ParityStats hidden = ParityStats.compare(expected.readFloats(key + "vision_hidden"),
                ParityStats.flatten(output.hidden()));
        ParityStats tileTokens = ParityStats.compare(expected.readFloats(key + "tile_tokens"),
                ParityStats.flatten(output.tokens()));
        ParityStats image = ParityStats.compare(expected.readFloats(key + "image_tokens"),
                ParityStats.flatten(imageTokens));

        long[] promptIds = toLongs(expected.readFloats(key + "prompt_ids"));
        float[][] embeds = decoder.embed(promptIds, config.imgContextTokenId(), imageTokens);
        decoder.reset();
        start = System.nanoTime();
        float[] logits = decoder.prefill(embeds);
        long prefillNanos = System.nanoTime() - start;
        ParityStats logitStats = ParityStats.compareLogits(expected.readFloats(key + "logits"), logits,
                decoder.spec().vocabSize());
        int stopId = config.decoder().eosTokenId();
        long[] generated = decoder.generateGreedy(embeds, MAX_NEW_TOKENS, id -> id == stopId);

        LOG.info("{} {} ({} tiles): vision {} ms, prefill of {} tokens {} ms", key, label, tiles,
                visionNanos / 1_000_000, promptIds.length, prefillNanos / 1_000_000);
        LOG.info("  vision_hidden {}", hidden.summary());
        LOG.info("  tile_tokens   {}", tileTokens.summary());
        LOG.info("  image_tokens  {}", image.summary());
        LOG.info("  logits        {}", logitStats.summary());

        assertTrue(hidden.withinAbs(TOLERANCE), key + "vision_hidden " + hidden.summary());
        assertTrue(tileTokens.withinAbs(TOLERANCE), key + "tile_tokens " + tileTokens.summary());
        assertTrue(image.withinAbs(TOLERANCE), key + "image_tokens " + image.summary());
        assertTrue(logitStats.withinAbs(TOLERANCE), key + "logits " + logitStats.summary());
        assertTrue(logitStats.argmaxAgrees(), key + "logits " + logitStats.summary());
        assertArrayEquals(expectedIds(expected.readFloats(key + "generated_ids")), generated,
                key + "generated_ids");
    }

    /** Converts the golden ids; a single -1 marks an empty generation. */
    private static long[] expectedIds(float[] values) {
        if (values.length == 1 && values[0] == -1f) {
            return new long[0];
        }
        return toLongs(values);
    }

    private static long[] toLongs(float[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (long) values[i];
            assertEquals(out[i], values[i], 0.0, "not an integer at " + i);
        }
        return out;
    }

    /** Parses "rows x cols" as written in the golden metadata. */
    private static int[] grid(String text) {
        int[] parsed = Arrays.stream(text.split("x")).mapToInt(Integer::parseInt).toArray();
        assertEquals(2, parsed.length, "grid " + text);
        return parsed;
    }
}
