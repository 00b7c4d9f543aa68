package io.magicvl.runtime.image;

import java.util.Arrays;

/**
 * Resizes 8-bit RGB images with the same arithmetic as Pillow's
 * {@code Image.resize(size, Image.BICUBIC)} (its libImaging/Resample.c), so the output bytes
 * are identical: the golden tiles that Pillow produced for the test fixtures match exactly.
 *
 * <p>The kernel is the cubic convolution with a = -0.5 and support 2. When shrinking, the
 * kernel is stretched by the scale factor, which makes the filter antialiased. Each output
 * pixel's weights are computed in double precision, divided by their sum, then converted to
 * fixed point with 22 fractional bits (rounded half away from zero). Pillow runs the
 * horizontal pass first, over only the source rows the vertical pass reads, rounds and clamps
 * that intermediate image to 8 bits, then runs the vertical pass. A pass whose size does not
 * change is skipped.
 */
public final class BicubicResizer {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double SUPPORT = 2.0;
    private static final double A = -0.5;

    private BicubicResizer() {}

    /** Returns {@code image} resized to {@code width} x {@code height}. */
    public static RgbImage resize(RgbImage image, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Target size must be positive, got " + width + "x" + height);
        }
        if (width == image.width() && height == image.height()) {
            return image;
        }
        Coefficients horizontal = Coefficients.compute(image.width(), width);
        Coefficients vertical = Coefficients.compute(image.height(), height);
        boolean needHorizontal = width != image.width();
        boolean needVertical = height != image.height();

        RgbImage source = image;
        int rowOffset = 0;
        if (needHorizontal) {
            // Only the source rows that the vertical pass reads are resampled horizontally.
            int firstRow = vertical.bounds[0];
            int lastRow = vertical.bounds[(height - 1) * 2] + vertical.bounds[(height - 1) * 2 + 1];
            if (!needVertical) {
                firstRow = 0;
                lastRow = image.height();
            }
            source = resampleHorizontal(image, firstRow, lastRow - firstRow, horizontal);
            rowOffset = firstRow;
        }
        if (!needVertical) {
            return source;
        }
        return resampleVertical(source, rowOffset, vertical, height);
    }

    private static RgbImage resampleHorizontal(RgbImage in, int firstRow, int rows, Coefficients k) {
        int outWidth = k.outSize;
        byte[] src = in.pixels();
        byte[] out = new byte[outWidth * rows * 3];
        int inRowBytes = in.width() * 3;
        for (int y = 0; y < rows; y++) {
            int rowStart = (y + firstRow) * inRowBytes;
            for (int x = 0; x < outWidth; x++) {
                int min = k.bounds[x * 2];
                int count = k.bounds[x * 2 + 1];
                int base = x * k.size;
                int s0 = 1 << (PRECISION_BITS - 1);
                int s1 = s0;
                int s2 = s0;
                for (int i = 0; i < count; i++) {
                    int weight = k.weights[base + i];
                    int p = rowStart + (min + i) * 3;
                    s0 += (src[p] & 0xFF) * weight;
                    s1 += (src[p + 1] & 0xFF) * weight;
                    s2 += (src[p + 2] & 0xFF) * weight;
                }
                int o = (y * outWidth + x) * 3;
                out[o] = clip8(s0);
                out[o + 1] = clip8(s1);
                out[o + 2] = clip8(s2);
            }
        }
        return new RgbImage(outWidth, rows, out);
    }

    /**
     * Resamples vertically one output row at a time: each source row that it reads is added,
     * scaled by its weight, into a row of sums. Integer sums do not depend on the order of
     * the additions, so this gives the same bytes as a per-pixel loop, and the inner loop
     * runs over contiguous bytes, which the JIT compiles to vector instructions.
     */
    private static RgbImage resampleVertical(RgbImage in, int rowOffset, Coefficients k, int outHeight) {
        int width = in.width();
        byte[] src = in.pixels();
        int rowBytes = width * 3;
        byte[] out = new byte[rowBytes * outHeight];
        int[] sums = new int[rowBytes];
        for (int y = 0; y < outHeight; y++) {
            int min = k.bounds[y * 2] - rowOffset;
            int count = k.bounds[y * 2 + 1];
            int base = y * k.size;
            Arrays.fill(sums, 1 << (PRECISION_BITS - 1));
            for (int i = 0; i < count; i++) {
                int weight = k.weights[base + i];
                int row = (min + i) * rowBytes;
                for (int j = 0; j < rowBytes; j++) {
                    sums[j] += (src[row + j] & 0xFF) * weight;
                }
            }
            int o = y * rowBytes;
            for (int j = 0; j < rowBytes; j++) {
                out[o + j] = clip8(sums[j]);
            }
        }
        return new RgbImage(width, outHeight, out);
    }

    private static byte clip8(int value) {
        if (value >= (1 << PRECISION_BITS << 8)) {
            return (byte) 255;
        }
        if (value <= 0) {
            return 0;
        }
        return (byte) (value >> PRECISION_BITS);
    }

    static double bicubic(double x) {
        double t = Math.abs(x);
        if (t < 1.0) {
            return ((A + 2.0) * t - (A + 3.0)) * t * t + 1;
        }
        if (t < 2.0) {
            return (((t - 5) * t + 8) * t - 4) * A;
        }
        return 0.0;
    }

    /** Fixed-point weights of one pass: for output i, {@code bounds[2i]} is the first input
     * index, {@code bounds[2i+1]} the number of inputs, and {@code weights[i*size ..]} the weights. */
    static final class Coefficients {
        final int outSize;
        final int size;
        final int[] bounds;
        final int[] weights;

        private Coefficients(int outSize, int size, int[] bounds, int[] weights) {
            this.outSize = outSize;
            this.size = size;
            this.bounds = bounds;
            this.weights = weights;
        }

        static Coefficients compute(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = SUPPORT * filterScale;
            int size = (int) Math.ceil(support) * 2 + 1;
            int[] bounds = new int[outSize * 2];
            int[] weights = new int[outSize * size];
            double[] w = new double[size];
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                double inverseScale = 1.0 / filterScale;
                int min = (int) (center - support + 0.5);
                if (min < 0) {
                    min = 0;
                }
                int max = (int) (center + support + 0.5);
                if (max > inSize) {
                    max = inSize;
                }
                max -= min;
                double sum = 0.0;
                for (int x = 0; x < max; x++) {
                    double weight = bicubic((x + min - center + 0.5) * inverseScale);
                    w[x] = weight;
                    sum += weight;
                }
                for (int x = 0; x < max; x++) {
                    double normalized = sum != 0.0 ? w[x] / sum : w[x];
                    weights[xx * size + x] = normalized < 0
                            ? (int) (-0.5 + normalized * (1 << PRECISION_BITS))
                            : (int) (0.5 + normalized * (1 << PRECISION_BITS));
                }
                bounds[xx * 2] = min;
                bounds[xx * 2 + 1] = max;
            }
            return new Coefficients(outSize, size, bounds, weights);
        }
    }
}
