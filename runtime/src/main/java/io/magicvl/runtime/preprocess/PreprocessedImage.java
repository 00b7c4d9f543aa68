package io.magicvl.runtime.preprocess;

/**
 * One image ready for the vision graph.
 *
 * @param pixels normalized tiles, {@code [tiles, 3, tileSize, tileSize]} row-major
 * @param patchMask 1 for a patch inside the image and 0 for padding, {@code [tiles, patches]}
 * @param tiles tiles, the thumbnail included
 * @param tileSize side of one tile in pixels
 * @param patchesPerTile patches of one tile
 * @param tokensPerTile visual tokens the vision graph returns per tile
 * @param tokenOrder for each visual token of the prompt, in order, its index in the vision
 *     output flattened to {@code [tiles * tokensPerTile]}
 * @param tileRows rows of the tile grid (thumbnail excluded)
 * @param tileCols columns of the tile grid
 * @param tokenRows rows of visual tokens (the whole image for token-level resolution)
 * @param tokenCols columns of visual tokens
 * @param resizedWidth width the image was resized to, in pixels
 * @param resizedHeight height the image was resized to, in pixels
 */
public record PreprocessedImage(
        float[] pixels,
        long[] patchMask,
        int tiles,
        int tileSize,
        int patchesPerTile,
        int tokensPerTile,
        int[] tokenOrder,
        int tileRows,
        int tileCols,
        int tokenRows,
        int tokenCols,
        int resizedWidth,
        int resizedHeight) {

    /** Returns the number of visual tokens that go to the decoder. */
    public int visualTokens() {
        return tokenOrder.length;
    }
}
