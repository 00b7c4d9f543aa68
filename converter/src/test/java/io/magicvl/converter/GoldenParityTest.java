package io.magicvl.converter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession;
import io.magicvl.converter.parity.OrtGraphs;
import io.magicvl.converter.parity.ParityRow;
import io.magicvl.core.safetensors.SafetensorsFile;
import io.magicvl.core.testing.TestPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported graphs against the PyTorch reference outputs of the nano fixture and of the
 * Qwen2.5 variant: tile tokens, first-step logits (max abs 1e-3 in fp32) and greedy ids.
 */
class GoldenParityTest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GoldenParityTest.class);
    private static final double TOLERANCE = 1e-3;
    private static final int MAX_NEW_TOKENS = 24;

    @TempDir
    Path dir;

    @Test
    void nanoMatchesPyTorchReference() throws Exception {
        Path checkpoint = TestPaths.nanoRun().resolve("stage4-advanced");
        Path golden = TestPaths.shared().resolve("fixtures/golden/nano-dev.safetensors");
        checkAgainstGolden(checkpoint, golden);
    }

    @Test
    void qwen25VariantMatchesPyTorchReference() throws Exception {
        Path checkpoint = TestPaths.shared().resolve("fixtures/variants/qwen25-t128");
        Path golden = TestPaths.shared().resolve("fixtures/golden/qwen25-t128-dev.safetensors");
        checkAgainstGolden(checkpoint, golden);
    }

    private void checkAgainstGolden(Path checkpoint, Path golden) throws Exception {
        Path out = dir.resolve("export");
        Converter.Result result = Converter.convert(new ConvertOptions(checkpoint, out, "fp32", null, ParityMode.FULL,
                false));
        assertTrue(result.passed(), "Java reference parity: " + result.parity());
        assertEquals(List.of("vision", "vision", "embed", "decoder", "decoder", "decoder"),
                result.parity().stream().map(ParityRow::component).toList());

        try (SafetensorsFile expected = SafetensorsFile.open(golden);
                OrtSession vision = OrtGraphs.open(out.resolve("vision.onnx"));
                OrtSession embed = OrtGraphs.open(out.resolve("embed.onnx"));
                OrtSession decoder = OrtGraphs.open(out.resolve("decoder.onnx"))) {
            Map<String, String> metadata = expected.metadata();
            int images = 0;
            while (metadata.containsKey("i" + images + ".image")) {
                images++;
            }
            assertTrue(images > 0, "golden file lists images");
            long imageContext = result.manifest().prompt().get("image_context_id").asLong();
            int eos = result.manifest().prompt().get("eos_token_ids").get(0).asInt();
            for (int n = 0; n < images; n++) {
                String key = "i" + n + ".";
                long[] tileShape = expected.info(key + "pixel_tiles").shape();
                int tiles = (int) tileShape[0];
                float[] pixels = expected.readFloats(key + "pixel_tiles");
                long[] mask = toLongs(expected.readFloats(key + "patch_mask"));
                float[] tileTokens = OrtGraphs.vision(vision, pixels, mask, tiles, (int) tileShape[2]);
                assertClose(expected.readFloats(key + "tile_tokens"), tileTokens, key + "tile_tokens");

                long[] imageShape = expected.info(key + "image_tokens").shape();
                int hidden = (int) imageShape[1];
                float[] imageTokens = gather(tileTokens, tiles, hidden, metadata.get(key + "tile_grid"),
                        metadata.get(key + "token_grid"));
                assertClose(expected.readFloats(key + "image_tokens"), imageTokens, key + "image_tokens");

                long[] prompt = toLongs(expected.readFloats(key + "prompt_ids"));
                float[] embeds = OrtGraphs.embed(embed, prompt);
                int next = 0;
                for (int i = 0; i < prompt.length; i++) {
                    if (prompt[i] == imageContext) {
                        System.arraycopy(imageTokens, next++ * hidden, embeds, i * hidden, hidden);
                    }
                }
                assertEquals(imageShape[0], next, key + "image placeholders");

                OrtGraphs.Cache cache = cacheFor(result);
                float[] logits = OrtGraphs.decode(decoder, embeds, hidden, cache);
                float[] last = Arrays.copyOfRange(logits, logits.length - expected.readFloats(key + "logits").length,
                        logits.length);
                assertClose(expected.readFloats(key + "logits"), last, key + "logits");

                List<Long> generated = new ArrayList<>();
                int token = argmax(last);
                while (token != eos && generated.size() < MAX_NEW_TOKENS) {
                    generated.add((long) token);
                    if (generated.size() == MAX_NEW_TOKENS) {
                        break;
                    }
                    float[] step = OrtGraphs.decode(decoder, OrtGraphs.embed(embed, new long[] {token}), hidden, cache);
                    token = argmax(step);
                }
                long[] want = toLongs(expected.readFloats(key + "generated_ids"));
                if (want.length == 1 && want[0] == -1) {
                    want = new long[0];
                }
                assertArrayEquals(want, generated.stream().mapToLong(Long::longValue).toArray(),
                        key + "generated_ids (" + metadata.get(key + "image") + ")");
            }
        }
    }

    private static OrtGraphs.Cache cacheFor(Converter.Result result) {
        var decoder = result.manifest().decoder();
        return new OrtGraphs.Cache(decoder.get("layers").asInt(), decoder.get("kv_heads").asInt(),
                decoder.get("head_dim").asInt());
    }

    /** Gathers tile tokens [T, side*side, D] into raster order over the whole token grid. */
    private static float[] gather(float[] tileTokens, int tiles, int hidden, String tileGrid, String tokenGrid) {
        int[] tileDims = dims(tileGrid);
        int[] tokenDims = dims(tokenGrid);
        assertEquals(tiles, tileDims[0] * tileDims[1], "tile grid " + tileGrid);
        int side = (int) Math.round(Math.sqrt(tileTokens.length / (double) (tiles * hidden)));
        float[] out = new float[tokenDims[0] * tokenDims[1] * hidden];
        for (int row = 0; row < tokenDims[0]; row++) {
            for (int col = 0; col < tokenDims[1]; col++) {
                int tile = (row / side) * tileDims[1] + col / side;
                int local = (row % side) * side + col % side;
                System.arraycopy(tileTokens, (tile * side * side + local) * hidden, out,
                        (row * tokenDims[1] + col) * hidden, hidden);
            }
        }
        return out;
    }

    private static int[] dims(String rowsByCols) {
        String[] parts = rowsByCols.split("x");
        return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
    }

    private static long[] toLongs(float[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.round(values[i]);
        }
        return out;
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double maxAbs = 0;
        for (int i = 0; i < expected.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(expected[i] - actual[i]));
        }
        LOG.info("{}: max abs difference {} (tolerance {})", what, maxAbs, TOLERANCE);
        assertTrue(maxAbs <= TOLERANCE, what + ": max abs difference " + maxAbs + " exceeds " + TOLERANCE);
    }
}
