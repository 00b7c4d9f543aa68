package io.magicvl.converter.reference;

/**
 * Reference vision encoder: tower (SigLIP or InternViT) → 2x2 pixel unshuffle → {@code mlp1},
 * one tile at a time. The result matches the {@code image_features} output of the exported
 * vision graph.
 *
 * <p>Padded patches (patch mask 0) are excluded as attention keys, so the rows of valid
 * patches do not depend on the padded pixels. Padded rows are still computed (they attend to
 * the valid patches), as in the PyTorch reference. Instances are immutable and thread-safe.
 */
public final class ReferenceVision {

    /**
     * Output of one run.
     *
     * @param hidden [T][P][C] tower output per tile (SigLIP after {@code post_layernorm};
     *     InternViT the last layer without CLS)
     * @param tokens [T][P/4][D] projected tokens per tile, raster order within the tile
     */
    public record Output(float[][][] hidden, float[][][] tokens) {}

    private final VisionSpec spec;
    private final VisionTower tower;
    private final Projector projector;

    /**
     * Loads the tower and projector weights named by {@code spec}'s prefixes.
     *
     * @throws io.magicvl.core.MagicvlException (invalid input) if a tensor is missing or has
     *     the wrong size
     */
    public ReferenceVision(VisionSpec spec, WeightSource weights) {
        this.spec = spec;
        this.tower = new VisionTower(spec, weights);
        this.projector = new Projector(spec, weights);
    }

    public VisionSpec spec() {
        return spec;
    }

    /**
     * Computes the projected tokens of every tile.
     *
     * @param pixels normalized pixels [T, channels, S, S], row-major
     * @param patchMask [T, P], 1 for a patch inside the image and 0 for padding; null when all
     *     patches are valid
     * @param tiles T
     * @return [T][P/4][D]
     */
    public float[][][] run(float[] pixels, long[] patchMask, int tiles) {
        return runWithHidden(pixels, patchMask, tiles).tokens();
    }

    /** Computes the tower output and the projected tokens of every tile (arguments as {@link #run}). */
    public Output runWithHidden(float[] pixels, long[] patchMask, int tiles) {
        checkInputs(pixels, patchMask, tiles);
        float[][][] hidden = new float[tiles][][];
        float[][][] tokens = new float[tiles][][];
        for (int t = 0; t < tiles; t++) {
            hidden[t] = tower.forward(pixels, patchMask, t);
            tokens[t] = projector.forward(pixelUnshuffle(hidden[t], spec.gridSize()));
        }
        return new Output(hidden, tokens);
    }

    /**
     * Merges each 2x2 window of a G×G patch grid into one token (InternVL {@code ps_version}
     * v2): token (i, j) is the concatenation of patches (2i, 2j), (2i, 2j+1), (2i+1, 2j),
     * (2i+1, 2j+1), channel innermost; tokens come out in raster order.
     *
     * @param patches [G·G][C], patch t at row t / G, column t % G
     * @return [(G/2)²][4C]
     */
    public static float[][] pixelUnshuffle(float[][] patches, int grid) {
        if (patches.length != grid * grid || grid % 2 != 0) {
            throw new IllegalArgumentException("Expected an even grid of " + grid + "x" + grid
                    + " patches, got " + patches.length + " rows");
        }
        int c = patches[0].length;
        int half = grid / 2;
        float[][] merged = new float[half * half][4 * c];
        for (int i = 0; i < half; i++) {
            for (int j = 0; j < half; j++) {
                float[] token = merged[i * half + j];
                System.arraycopy(patches[(2 * i) * grid + 2 * j], 0, token, 0, c);
                System.arraycopy(patches[(2 * i) * grid + 2 * j + 1], 0, token, c, c);
                System.arraycopy(patches[(2 * i + 1) * grid + 2 * j], 0, token, 2 * c, c);
                System.arraycopy(patches[(2 * i + 1) * grid + 2 * j + 1], 0, token, 3 * c, c);
            }
        }
        return merged;
    }

    /**
     * Gathers the valid tokens of all tiles in raster order over the whole image.
     *
     * <p>Tiles are laid out row-major in a {@code tileRows × tileCols} grid, each holding a
     * square of {@code side × side} tokens (side = √(tokens per tile)). The image covers the
     * top-left {@code tokenRows × tokenCols} tokens of that grid; the rest is padding.
     *
     * @param tileTokens [T][side²][D]
     * @return [tokenRows · tokenCols][D], rows shared with {@code tileTokens}
     */
    public static float[][] gatherImageTokens(float[][][] tileTokens, int tileRows, int tileCols,
            int tokenRows, int tokenCols) {
        if (tileTokens.length != tileRows * tileCols) {
            throw new IllegalArgumentException("Expected " + tileRows + "x" + tileCols
                    + " tiles, got " + tileTokens.length);
        }
        int side = (int) Math.round(Math.sqrt(tileTokens[0].length));
        if (side * side != tileTokens[0].length) {
            throw new IllegalArgumentException(
                    "Tokens per tile is not a square: " + tileTokens[0].length);
        }
        if (tokenRows > tileRows * side || tokenCols > tileCols * side) {
            throw new IllegalArgumentException("Token grid " + tokenRows + "x" + tokenCols
                    + " does not fit " + tileRows + "x" + tileCols + " tiles of " + side + "x"
                    + side + " tokens");
        }
        float[][] out = new float[tokenRows * tokenCols][];
        for (int r = 0; r < tokenRows; r++) {
            for (int col = 0; col < tokenCols; col++) {
                int tile = (r / side) * tileCols + col / side;
                int local = (r % side) * side + col % side;
                out[r * tokenCols + col] = tileTokens[tile][local];
            }
        }
        return out;
    }

    private void checkInputs(float[] pixels, long[] patchMask, int tiles) {
        if (tiles < 1) {
            throw new IllegalArgumentException("tiles must be at least 1, got " + tiles);
        }
        long expectedPixels = (long) tiles * spec.pixelsPerTile();
        if (pixels.length != expectedPixels) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values, expected "
                    + expectedPixels + " for " + tiles + " tiles of " + spec.channels() + "x"
                    + spec.imageSize() + "x" + spec.imageSize());
        }
        if (patchMask != null && patchMask.length != (long) tiles * spec.patches()) {
            throw new IllegalArgumentException("patchMask has " + patchMask.length
                    + " values, expected " + (long) tiles * spec.patches());
        }
    }
}
