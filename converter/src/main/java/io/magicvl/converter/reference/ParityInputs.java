package io.magicvl.converter.reference;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Deterministic inputs for parity checks: the same seed always gives the same values.
 */
public final class ParityInputs {
    private ParityInputs() {}

    /**
     * Pixels and patch mask of a vision run.
     *
     * @param pixels [tiles, channels, S, S], normalized
     * @param patchMask [tiles, P], 1 inside the image and 0 for padding
     * @param tiles number of tiles
     */
    public record VisionInput(float[] pixels, long[] patchMask, int tiles) {}

    /**
     * A prompt followed by single-token decode steps.
     *
     * @param promptIds [L] token ids, image placeholders included
     * @param promptEmbeds [L][D] embeddings with placeholder rows replaced by image tokens
     * @param stepIds ids fed one at a time after the prompt
     * @param stepEmbeds [steps][D] their embeddings
     */
    public record DecoderInput(long[] promptIds, float[][] promptEmbeds, long[] stepIds,
            float[][] stepEmbeds) {}

    /**
     * Builds two tiles: tile 0 fully inside the image, tile 1 an edge tile whose image part is
     * the top-left block of an even number of patch rows and columns (whole 2x2 token
     * windows), with every other patch masked and its pixels set to {@code padValue}. Valid
     * pixels are uniform in [-1, 1]. An InternViT tower gets no padding (both tiles full),
     * because InternVL tiles are never padded.
     */
    public static VisionInput vision(VisionSpec spec, long seed, float padValue) {
        int tiles = 2;
        int grid = spec.gridSize();
        int patches = spec.patches();
        long[] mask = new long[tiles * patches];
        Arrays.fill(mask, 1L);
        if (spec.tower() == VisionSpec.Tower.SIGLIP) {
            int validRows = Math.max(2, (grid / 2) & ~1);
            int validCols = Math.max(2, grid - 2);
            for (int t = 0; t < patches; t++) {
                boolean inside = t / grid < validRows && t % grid < validCols;
                mask[patches + t] = inside ? 1L : 0L;
            }
        }

        SplittableRandom random = new SplittableRandom(seed);
        int size = spec.imageSize();
        int patch = spec.patchSize();
        float[] pixels = new float[tiles * spec.pixelsPerTile()];
        int n = 0;
        for (int t = 0; t < tiles; t++) {
            for (int c = 0; c < spec.channels(); c++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        int patchIndex = (y / patch) * grid + x / patch;
                        boolean inside = mask[t * patches + patchIndex] != 0;
                        pixels[n++] = inside ? (float) random.nextDouble(-1.0, 1.0) : padValue;
                    }
                }
            }
        }
        return new VisionInput(pixels, mask, tiles);
    }

    /**
     * Builds a text-only prompt of {@code promptLength} random ids and {@code steps} random
     * step ids, embedded through {@code decoder}'s table.
     */
    public static DecoderInput decoder(ReferenceDecoder decoder, long seed, int promptLength, int steps) {
        SplittableRandom random = new SplittableRandom(seed);
        int vocab = decoder.spec().vocabSize();
        long[] prompt = random.longs(promptLength, 0, vocab).toArray();
        long[] stepIds = random.longs(steps, 0, vocab).toArray();
        return new DecoderInput(prompt, decoder.embed(prompt), stepIds, decoder.embed(stepIds));
    }

    /**
     * Builds a prompt of random ids around one image: {@code textBefore} ids, one
     * {@code imageContextId} placeholder per row of {@code imageTokens}, {@code textAfter}
     * ids, then {@code steps} random step ids. Random ids never equal the placeholder.
     */
    public static DecoderInput decoderWithImage(ReferenceDecoder decoder, long seed, int textBefore,
            int textAfter, long imageContextId, float[][] imageTokens, int steps) {
        SplittableRandom random = new SplittableRandom(seed);
        int vocab = decoder.spec().vocabSize();
        long[] prompt = new long[textBefore + imageTokens.length + textAfter];
        for (int i = 0; i < prompt.length; i++) {
            boolean image = i >= textBefore && i < textBefore + imageTokens.length;
            prompt[i] = image ? imageContextId : randomTextId(random, vocab, imageContextId);
        }
        long[] stepIds = new long[steps];
        for (int i = 0; i < steps; i++) {
            stepIds[i] = randomTextId(random, vocab, imageContextId);
        }
        return new DecoderInput(prompt, decoder.embed(prompt, imageContextId, imageTokens), stepIds,
                decoder.embed(stepIds));
    }

    private static long randomTextId(SplittableRandom random, int vocab, long excluded) {
        long id;
        do {
            id = random.nextLong(vocab);
        } while (id == excluded);
        return id;
    }
}
