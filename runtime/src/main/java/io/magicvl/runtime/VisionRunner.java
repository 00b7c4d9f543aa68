package io.magicvl.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.magicvl.core.MagicvlException;
import io.magicvl.runtime.preprocess.PreprocessedImage;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * Runs the vision graph on all tiles of one image: {@code pixel_values [T, 3, S, S]} and
 * {@code patch_mask [T, P]} to {@code image_features [T, P/4, D]}.
 */
final class VisionRunner implements AutoCloseable {
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final int hidden;
    private final OrtClock clock;

    VisionRunner(OrtEnvironment environment, OrtSession session, int hidden, OrtClock clock) {
        this.environment = environment;
        this.session = session;
        this.hidden = hidden;
        this.clock = clock;
    }

    /** Returns the tokens of every tile, {@code [tiles * tokensPerTile * hidden]} in tile order. */
    float[] encode(PreprocessedImage image) throws OrtException {
        int tiles = image.tiles();
        int side = image.tileSize();
        FloatBuffer pixels = DirectBuffers.floats(image.pixels().length);
        pixels.put(0, image.pixels());
        LongBuffer mask = DirectBuffers.longs(image.patchMask().length);
        mask.put(0, image.patchMask());
        try (OnnxTensor pixelTensor = OnnxTensor.createTensor(environment, pixels, new long[] {tiles, 3, side, side});
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, mask,
                        new long[] {tiles, image.patchesPerTile()})) {
            long start = System.nanoTime();
            try (OrtSession.Result result =
                    session.run(Map.of("pixel_values", pixelTensor, "patch_mask", maskTensor))) {
                clock.addSince(start);
                OnnxTensor features = (OnnxTensor) result.get("image_features")
                        .orElseThrow(() -> MagicvlException.invalidInput(
                                "The vision graph has no output image_features. Convert the model again."));
                long[] shape = features.getInfo().getShape();
                if (shape.length != 3 || shape[0] != tiles || shape[1] != image.tokensPerTile() || shape[2] != hidden) {
                    throw MagicvlException.invalidInput("The vision graph returned image_features of shape "
                            + java.util.Arrays.toString(shape) + ", expected [" + tiles + ", " + image.tokensPerTile()
                            + ", " + hidden + "]. The export's preprocess.json and vision.onnx disagree.");
                }
                FloatBuffer values = features.getFloatBuffer();
                float[] out = new float[values.remaining()];
                values.get(out);
                return out;
            }
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot close the vision session", e);
        }
    }
}
