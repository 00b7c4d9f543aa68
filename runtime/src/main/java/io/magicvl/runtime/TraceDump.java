package io.magicvl.runtime;

import io.magicvl.core.io.OutputPaths;
import io.magicvl.core.safetensors.SafetensorsWriter;
import io.magicvl.core.tensor.DType;
import io.magicvl.runtime.preprocess.PreprocessedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the intermediate tensors of one answer to {@code DIR/dump.safetensors}, with the
 * tensor names and F32 layout of the reference outputs, so the same script compares both:
 * {@code pixel_tiles [T,3,S,S]}, {@code patch_mask [T,P]}, {@code tile_tokens [T,P/4,D]},
 * {@code image_tokens [N,D]}, {@code prompt_ids [L]}, {@code logits [V]} (last prompt
 * position) and {@code generated_ids} ({@code [-1]} when empty). The metadata contains the
 * tile grid, token grid and answer.
 */
public final class TraceDump {
    /** Name of the file written inside the dump folder. */
    public static final String FILE = "dump.safetensors";

    private TraceDump() {}

    /** Rejects an existing {@code dir} unless {@code force}, before any work is done. */
    public static void checkWritable(Path dir, boolean force) {
        OutputPaths.checkWritable(dir, force);
    }

    /** Writes {@code trace} and {@code answer} into the folder {@code dir}. */
    public static void write(AnswerTrace trace, Answer answer, Path dir, boolean force) {
        SafetensorsWriter writer = new SafetensorsWriter();
        int hidden = trace.hiddenSize();
        PreprocessedImage image = trace.image();
        if (image != null) {
            int side = image.tileSize();
            writer.addFloats("pixel_tiles", DType.F32, new long[] {image.tiles(), 3, side, side}, image.pixels());
            writer.addFloats("patch_mask", DType.F32, new long[] {image.tiles(), image.patchesPerTile()},
                    toFloats(image.patchMask()));
            writer.addFloats("tile_tokens", DType.F32, new long[] {image.tiles(), image.tokensPerTile(), hidden},
                    trace.tileTokens());
            writer.addFloats("image_tokens", DType.F32, new long[] {image.visualTokens(), hidden}, trace.imageTokens());
            writer.metadata("tile_grid", image.tileRows() + "x" + image.tileCols());
            writer.metadata("token_grid", image.tokenRows() + "x" + image.tokenCols());
            writer.metadata("resized", image.resizedWidth() + "x" + image.resizedHeight());
        }
        writer.addFloats("prompt_ids", DType.F32, new long[] {trace.promptIds().length}, toFloats(trace.promptIds()));
        writer.addFloats("logits", DType.F32, new long[] {trace.firstLogits().length}, trace.firstLogits());
        List<Integer> ids = answer.tokenIds();
        float[] generated = ids.isEmpty() ? new float[] {-1} : new float[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            generated[i] = ids.get(i);
        }
        writer.addFloats("generated_ids", DType.F32, new long[] {generated.length}, generated);
        writer.metadata("answer", answer.text());

        Path temporary = OutputPaths.temporarySibling(dir);
        writer.write(temporary.resolve(FILE));
        OutputPaths.moveIntoPlace(temporary, dir, force);
    }

    private static float[] toFloats(long[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
