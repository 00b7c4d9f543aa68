package io.magicvl.core.model;

/**
 * How an image is cut into tiles before the vision tower.
 *
 * @param mode {@code token_level} (MagicVL: each side rounded to a multiple of {@code
 *     tokenPixels}, tiles row-major, edge tiles padded) or {@code aspect_ratio_grid}
 *     (InternVL: the closest grid of {@code minTiles..maxTiles} tiles plus a thumbnail)
 * @param tileSize tile side in pixels
 * @param tokenPixels pixels per visual token side after the merge (patch size x merge factor)
 * @param minTiles fewest tiles
 * @param maxTiles most tiles
 * @param useThumbnail whether a whole-image thumbnail tile follows the grid (InternVL)
 * @param rounding side rounding rule of {@code token_level} ({@code half_up})
 * @param padValue value of padded pixels after normalization
 * @param tokenOrder order of visual tokens ({@code raster} over the whole image)
 */
public record ImageTiling(
        String mode,
        int tileSize,
        int tokenPixels,
        int minTiles,
        int maxTiles,
        boolean useThumbnail,
        String rounding,
        double padValue,
        String tokenOrder) {
    /** MagicVL's token-level dynamic resolution. */
    public static final String TOKEN_LEVEL = "token_level";
    /** InternVL's closest-aspect-ratio grid. */
    public static final String ASPECT_RATIO_GRID = "aspect_ratio_grid";
}
