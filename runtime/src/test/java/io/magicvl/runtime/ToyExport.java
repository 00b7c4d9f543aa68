package io.magicvl.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.core.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a toy export folder that follows the export contract with tiny random graphs, so the
 * runtime's plumbing (pinned outputs, cache swapping, placeholder scatter) is tested without
 * the converter.
 *
 * <p>The toy decoder has one layer, 2 KV heads of size 4 (hidden 8). A token's key is its
 * embedding and its value twice that. The logits of a position are a linear map of the running
 * sum of keys and values up to that position, plus a term of the position id, plus 1000 times
 * the difference between the attention-mask length and past + new tokens. So a wrong cache,
 * position or mask changes the logits. The vision graph average-pools 32-pixel blocks (one per visual
 * token) and maps the 3 channels to 8 values. The vocabulary is the nano fixture's byte-level
 * tokenizer (262 ids).
 */
final class ToyExport {
    static final int HIDDEN = 8;
    static final int HEADS = 2;
    static final int HEAD_DIM = 4;
    static final int VOCAB = 262;
    static final int TILE = 64;

    private ToyExport() {}

    static Path write(Path dir, int maxPositions) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(7);
        writeVision(dir.resolve("vision.onnx"), random);
        writeEmbed(dir.resolve("embed.onnx"), random);
        writeDecoder(dir.resolve("decoder.onnx"), random);
        Path checkpoint = TestPaths.shared().resolve("fixtures/magicvl-nano/stage4-advanced");
        Files.copy(checkpoint.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Files.copy(checkpoint.resolve("tokenizer_config.json"), dir.resolve("tokenizer_config.json"));

        ObjectNode preprocess = Json.MAPPER.createObjectNode();
        preprocess.put("scheme", "token_level");
        preprocess.put("tile_size", TILE);
        preprocess.put("patch_size", 16);
        preprocess.put("token_pixels", 32);
        preprocess.put("max_tiles", 4);
        preprocess.put("min_tiles", 1);
        preprocess.put("use_thumbnail", false);
        preprocess.put("downscale_step", 0.9);
        preprocess.put("resample", "bicubic");
        preprocess.put("rescale_factor", 1 / 255.0);
        preprocess.set("image_mean", Json.MAPPER.valueToTree(new double[] {0.5, 0.5, 0.5}));
        preprocess.set("image_std", Json.MAPPER.valueToTree(new double[] {0.5, 0.5, 0.5}));
        preprocess.put("pad_value", 0.0);
        preprocess.put("tokens_per_tile", 4);
        Json.PRETTY.writeValue(dir.resolve("preprocess.json").toFile(), preprocess);

        ObjectNode manifest = Json.MAPPER.createObjectNode();
        manifest.put("format_version", 1);
        manifest.putObject("model").put("name", "toy").put("architecture", "toy").put("model_type", "magicvl");
        ObjectNode components = manifest.putObject("components");
        for (String name : new String[] {"vision", "embed", "decoder"}) {
            components.putObject(name).put("file", name + ".onnx").put("precision", "fp32");
        }
        manifest.set("preprocess", preprocess);
        ObjectNode prompt = manifest.putObject("prompt");
        prompt.put("template", "qwen-chat");
        prompt.putNull("system");
        prompt.put("add_bos", false);
        prompt.putNull("bos_token_id");
        prompt.put("image_start", "<img>").put("image_end", "</img>").put("image_context", "<IMG_CONTEXT>");
        prompt.put("image_start_id", 259).put("image_end_id", 260).put("image_context_id", 261);
        ArrayNode eos = prompt.putArray("eos_token_ids");
        eos.add(258);
        prompt.put("empty_think_block", false);
        manifest.putObject("decoder")
                .put("layers", 1).put("kv_heads", HEADS).put("head_dim", HEAD_DIM)
                .put("hidden_size", HIDDEN).put("vocab_size", VOCAB).put("max_positions", maxPositions);
        Json.PRETTY.writeValue(dir.resolve("manifest.json").toFile(), manifest);
        return dir;
    }

    private static float[] randoms(Random random, int count, float scale) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        return values;
    }

    private static void writeVision(Path file, Random random) throws IOException {
        new ToyGraph()
                .input("pixel_values", ToyGraph.FLOAT, -1, 3, TILE, TILE)
                .input("patch_mask", ToyGraph.INT64, -1, 16)
                .output("image_features", ToyGraph.FLOAT, -1, 4, HIDDEN)
                .floats("w", new long[] {3, HIDDEN}, randoms(random, 3 * HIDDEN, 1f))
                .longs("shape", 0, 4, 3)
                .node("AveragePool", new String[] {"pixel_values"}, "pooled",
                        "kernel_shape", new long[] {32, 32}, "strides", new long[] {32, 32})
                .node("Transpose", new String[] {"pooled"}, "channels_last", "perm", new long[] {0, 2, 3, 1})
                .node("Reshape", new String[] {"channels_last", "shape"}, "tokens")
                .node("MatMul", new String[] {"tokens", "w"}, "image_features")
                .write(file);
    }

    private static void writeEmbed(Path file, Random random) throws IOException {
        new ToyGraph()
                .input("input_ids", ToyGraph.INT64, 1, -1)
                .output("inputs_embeds", ToyGraph.FLOAT, 1, -1, HIDDEN)
                .floats("table", new long[] {VOCAB, HIDDEN}, randoms(random, VOCAB * HIDDEN, 1f))
                .node("Gather", new String[] {"table", "input_ids"}, "inputs_embeds", "axis", 0L)
                .write(file);
    }

    private static void writeDecoder(Path file, Random random) throws IOException {
        new ToyGraph()
                .input("inputs_embeds", ToyGraph.FLOAT, 1, -1, HIDDEN)
                .input("attention_mask", ToyGraph.INT64, 1, -1)
                .input("position_ids", ToyGraph.INT64, 1, -1)
                .input("past_key_values.0.key", ToyGraph.FLOAT, 1, HEADS, -1, HEAD_DIM)
                .input("past_key_values.0.value", ToyGraph.FLOAT, 1, HEADS, -1, HEAD_DIM)
                .output("logits", ToyGraph.FLOAT, 1, -1, VOCAB)
                .output("present.0.key", ToyGraph.FLOAT, 1, HEADS, -1, HEAD_DIM)
                .output("present.0.value", ToyGraph.FLOAT, 1, HEADS, -1, HEAD_DIM)
                .floats("w_out", new long[] {HIDDEN, VOCAB}, randoms(random, HIDDEN * VOCAB, 0.5f))
                .floats("w_pos", new long[] {VOCAB}, randoms(random, VOCAB, 0.1f))
                .floats("mask_weight", new long[] {1}, new float[] {1000f})
                .longs("split_heads", 0, 0, HEADS, HEAD_DIM)
                .longs("merge_heads", 0, 0, HIDDEN)
                .longs("end", Long.MAX_VALUE)
                .longs("axes_seq", 2)
                .longs("axes_last", 2)
                .scalarLong("axis_seq", 2)
                .node("Reshape", new String[] {"inputs_embeds", "split_heads"}, "heads")
                .node("Transpose", new String[] {"heads"}, "new_key", "perm", new long[] {0, 2, 1, 3})
                .node("Add", new String[] {"new_key", "new_key"}, "new_value")
                .node("Concat", new String[] {"past_key_values.0.key", "new_key"}, "present.0.key", "axis", 2L)
                .node("Concat", new String[] {"past_key_values.0.value", "new_value"}, "present.0.value", "axis", 2L)
                .node("Add", new String[] {"present.0.key", "present.0.value"}, "kv")
                .node("CumSum", new String[] {"kv", "axis_seq"}, "running")
                .node("Shape", new String[] {"inputs_embeds"}, "new_length", "start", 1L, "end", 2L)
                .node("Neg", new String[] {"new_length"}, "start")
                .node("Slice", new String[] {"running", "start", "end", "axes_seq"}, "tail")
                .node("Transpose", new String[] {"tail"}, "tail_tokens", "perm", new long[] {0, 2, 1, 3})
                .node("Reshape", new String[] {"tail_tokens", "merge_heads"}, "hidden")
                .node("MatMul", new String[] {"hidden", "w_out"}, "base")
                .node("Cast", new String[] {"position_ids"}, "positions", "to", (long) ToyGraph.FLOAT)
                .node("Unsqueeze", new String[] {"positions", "axes_last"}, "positions3")
                .node("Mul", new String[] {"positions3", "w_pos"}, "position_term")
                .node("Add", new String[] {"base", "position_term"}, "with_positions")
                .node("Shape", new String[] {"present.0.key"}, "total", "start", 2L, "end", 3L)
                .node("Cast", new String[] {"total"}, "total_f", "to", (long) ToyGraph.FLOAT)
                .node("Cast", new String[] {"attention_mask"}, "mask_f", "to", (long) ToyGraph.FLOAT)
                .node("ReduceSum", new String[] {"mask_f"}, "mask_sum", "keepdims", 0L)
                .node("Sub", new String[] {"mask_sum", "total_f"}, "mask_error")
                .node("Mul", new String[] {"mask_error", "mask_weight"}, "mask_term")
                .node("Add", new String[] {"with_positions", "mask_term"}, "logits")
                .write(file);
    }
}
