package io.magicvl.runtime.preprocess;

/**
 * The token-level dynamic-resolution plan of one image: the size it is resized to, the
 * visual-token grid, the tile grid, and the scale that fitted it under the tile cap.
 *
 * <p>Each side is rounded half up to a multiple of the token side:
 * {@code W' = max(1, floor(W * scale / token + 0.5)) * token}. The scale starts at 1.0; while
 * {@code ceil(W'/tile) * ceil(H'/tile)} exceeds the cap it is multiplied by the downscale
 * step in double precision and both sides are rounded again.
 */
public record TokenGrid(
        int width, int height, int tokenCols, int tokenRows, int tileCols, int tileRows, double scale) {

    /** Returns the number of tiles, {@code tileCols * tileRows}. */
    public int tiles() {
        return tileCols * tileRows;
    }

    /** Returns the number of visual tokens, {@code tokenCols * tokenRows}. */
    public int tokens() {
        return tokenCols * tokenRows;
    }

    /** Plans an image of {@code width} x {@code height} pixels under {@code spec}. */
    public static TokenGrid plan(int width, int height, PreprocessSpec spec) {
        int token = spec.tokenPixels();
        int tile = spec.tileSize();
        double scale = 1.0;
        while (true) {
            int w = roundToTokens(width * scale, token);
            int h = roundToTokens(height * scale, token);
            int tileCols = ceilDiv(w, tile);
            int tileRows = ceilDiv(h, tile);
            if ((long) tileCols * tileRows <= spec.maxTiles()) {
                return new TokenGrid(w, h, w / token, h / token, tileCols, tileRows, scale);
            }
            scale = scale * spec.downscaleStep();
        }
    }

    /** Rounds {@code side} half up to a multiple of {@code token}, at least one token. */
    static int roundToTokens(double side, int token) {
        long tokens = (long) Math.floor(side / token + 0.5);
        return (int) Math.max(1, tokens) * token;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
