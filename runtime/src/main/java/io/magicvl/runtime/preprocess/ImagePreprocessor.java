package io.magicvl.runtime.preprocess;

import io.magicvl.runtime.image.BicubicResizer;
import io.magicvl.runtime.image.ImageDecoder;
import io.magicvl.runtime.image.ImageHeader;
import io.magicvl.runtime.image.RgbImage;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Turns an image file into normalized tiles, a patch mask and the visual-token order, as a
 * {@link PreprocessSpec} describes.
 *
 * <p>Images up to {@value #FULL_DECODE_MAX_PIXELS} pixels are decoded at full resolution, so
 * the result matches Pillow's to the byte. Larger images are decoded keeping every f-th pixel
 * per row and column, with the largest f that still leaves at least twice the target size on
 * both sides, so that a 100-megapixel photo needs a few megabytes instead of 600. Their pixels
 * then differ slightly from a full-resolution resize.
 */
public final class ImagePreprocessor {
    /** Largest image, in pixels, that is always decoded at full resolution. */
    public static final long FULL_DECODE_MAX_PIXELS = 32L * 1024 * 1024;

    private final PreprocessSpec spec;

    public ImagePreprocessor(PreprocessSpec spec) {
        this.spec = spec;
    }

    public PreprocessSpec spec() {
        return spec;
    }

    /** Decodes and preprocesses the image file {@code file}. */
    public PreprocessedImage preprocess(Path file) {
        ImageHeader header = ImageDecoder.readHeader(file);
        if (PreprocessSpec.TOKEN_LEVEL.equals(spec.scheme())) {
            TokenGrid grid = TokenGrid.plan(header.width(), header.height(), spec);
            RgbImage image = decodeFor(header, grid.width(), grid.height());
            return tokenLevel(image, grid);
        }
        InternVlGrid grid = InternVlGrid.choose(
                header.width(), header.height(), spec.minTiles(), spec.maxTiles(), spec.tileSize());
        RgbImage image = decodeFor(header, grid.cols() * spec.tileSize(), grid.rows() * spec.tileSize());
        return internVl(image, header.width(), header.height(), grid);
    }

    /** Preprocesses an already decoded, upright image with token-level dynamic resolution. */
    public PreprocessedImage preprocess(RgbImage image) {
        if (PreprocessSpec.TOKEN_LEVEL.equals(spec.scheme())) {
            return tokenLevel(image, TokenGrid.plan(image.width(), image.height(), spec));
        }
        InternVlGrid grid = InternVlGrid.choose(
                image.width(), image.height(), spec.minTiles(), spec.maxTiles(), spec.tileSize());
        return internVl(image, image.width(), image.height(), grid);
    }

    /** Returns the subsampling factor used to decode a stored image for a target size. */
    static int subsampling(ImageHeader header, int targetWidth, int targetHeight) {
        long pixels = (long) header.storedWidth() * header.storedHeight();
        if (pixels <= FULL_DECODE_MAX_PIXELS) {
            return 1;
        }
        int factor = Math.min(header.width() / (2 * targetWidth), header.height() / (2 * targetHeight));
        return Math.max(1, factor);
    }

    private static RgbImage decodeFor(ImageHeader header, int targetWidth, int targetHeight) {
        return ImageDecoder.decode(header, subsampling(header, targetWidth, targetHeight));
    }

    private PreprocessedImage tokenLevel(RgbImage image, TokenGrid grid) {
        RgbImage resized = BicubicResizer.resize(image, grid.width(), grid.height());
        int tile = spec.tileSize();
        int tiles = grid.tiles();
        float[] pixels = new float[tiles * 3 * tile * tile];
        float pad = (float) spec.padValue();
        if (Float.floatToRawIntBits(pad) != 0) {
            // A new array already holds +0.0 everywhere.
            Arrays.fill(pixels, pad);
        }
        for (int tileRow = 0; tileRow < grid.tileRows(); tileRow++) {
            for (int tileCol = 0; tileCol < grid.tileCols(); tileCol++) {
                int index = tileRow * grid.tileCols() + tileCol;
                copyTile(resized, tileCol * tile, tileRow * tile, pixels, index);
            }
        }

        int patch = spec.patchSize();
        int patchSide = tile / patch;
        int patches = patchSide * patchSide;
        long[] mask = new long[tiles * patches];
        for (int t = 0; t < tiles; t++) {
            int x0 = (t % grid.tileCols()) * tile;
            int y0 = (t / grid.tileCols()) * tile;
            for (int p = 0; p < patches; p++) {
                int px = x0 + (p % patchSide) * patch;
                int py = y0 + (p / patchSide) * patch;
                mask[t * patches + p] = px < grid.width() && py < grid.height() ? 1 : 0;
            }
        }

        int tokenSide = tile / spec.tokenPixels();
        int tokensPerTile = tokenSide * tokenSide;
        int[] order = new int[grid.tokens()];
        int next = 0;
        for (int r = 0; r < grid.tokenRows(); r++) {
            for (int c = 0; c < grid.tokenCols(); c++) {
                int tileIndex = (r / tokenSide) * grid.tileCols() + c / tokenSide;
                order[next++] = tileIndex * tokensPerTile + (r % tokenSide) * tokenSide + c % tokenSide;
            }
        }
        return new PreprocessedImage(pixels, mask, tiles, tile, patches, tokensPerTile, order,
                grid.tileRows(), grid.tileCols(), grid.tokenRows(), grid.tokenCols(), grid.width(), grid.height());
    }

    private PreprocessedImage internVl(RgbImage image, int width, int height, InternVlGrid grid) {
        int tile = spec.tileSize();
        RgbImage resized = BicubicResizer.resize(image, grid.cols() * tile, grid.rows() * tile);
        boolean thumbnail = spec.useThumbnail() && grid.tiles() > 1;
        int tiles = grid.tiles() + (thumbnail ? 1 : 0);
        float[] pixels = new float[tiles * 3 * tile * tile];
        for (int t = 0; t < grid.tiles(); t++) {
            copyTile(resized, (t % grid.cols()) * tile, (t / grid.cols()) * tile, pixels, t);
        }
        if (thumbnail) {
            copyTile(BicubicResizer.resize(image, tile, tile), 0, 0, pixels, grid.tiles());
        }
        int patches = spec.patchesPerTile();
        long[] mask = new long[tiles * patches];
        Arrays.fill(mask, 1L);
        int[] order = new int[tiles * spec.tokensPerTile()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return new PreprocessedImage(pixels, mask, tiles, tile, patches, spec.tokensPerTile(), order,
                grid.rows(), grid.cols(), 0, 0, resized.width(), resized.height());
    }

    /** Normalizes the tile whose top-left corner is {@code (x0, y0)} into tile {@code index}. */
    private void copyTile(RgbImage image, int x0, int y0, float[] out, int index) {
        int tile = spec.tileSize();
        int plane = tile * tile;
        int base = index * 3 * plane;
        int width = Math.min(tile, image.width() - x0);
        int height = Math.min(tile, image.height() - y0);
        float[][] table = normalizationTable();
        byte[] src = image.pixels();
        for (int y = 0; y < height; y++) {
            int row = ((y0 + y) * image.width() + x0) * 3;
            for (int x = 0; x < width; x++) {
                int p = row + x * 3;
                int o = base + y * tile + x;
                out[o] = table[0][src[p] & 0xFF];
                out[o + plane] = table[1][src[p + 1] & 0xFF];
                out[o + 2 * plane] = table[2][src[p + 2] & 0xFF];
            }
        }
    }

    private float[][] table;

    /** Returns {@code (v * rescale - mean) / std} per channel for every 8-bit value {@code v}. */
    private float[][] normalizationTable() {
        if (table == null) {
            float[][] values = new float[3][256];
            for (int c = 0; c < 3; c++) {
                for (int v = 0; v < 256; v++) {
                    float scaled = (float) (v * spec.rescaleFactor());
                    values[c][v] = (float) ((scaled - spec.imageMean()[c]) / spec.imageStd()[c]);
                }
            }
            table = values;
        }
        return table;
    }
}
