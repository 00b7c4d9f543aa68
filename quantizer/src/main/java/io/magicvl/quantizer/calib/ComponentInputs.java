package io.magicvl.quantizer.calib;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.onnx.proto.Onnx.ModelProto;
import io.magicvl.core.onnx.proto.Onnx.ValueInfoProto;
import io.magicvl.quantizer.onnx.GraphRunner;
import io.magicvl.quantizer.recipe.CalibrationSettings;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The calibration inputs of each component of an export: feeds for vision (one tile per image),
 * embed (token ids of the prompts) and decoder (the float embed graph's output for those ids,
 * with an empty KV cache).
 *
 * <p>NOTE: each calibration image is resized to one tile, not cut into tiles as the runtime
 * does; this is enough for activation ranges and error statistics, not for parity.
 */
public final class ComponentInputs {
    /** Prompts used when the recipe lists none. */
    public static final List<String> DEFAULT_PROMPTS = List.of(
            "What colour is the circle?",
            "Read the word in the image.",
            "How many shapes are there?",
            "Is there a red square? Answer yes or no.",
            "Describe the picture in one sentence.",
            "What is written on the sign?");
    /** Synthetic vision inputs when the recipe lists no images. */
    public static final int DEFAULT_SAMPLES = 4;

    private final Map<String, List<Map<String, GraphRunner.Input>>> feeds = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();

    private ComponentInputs() {}

    /** Returns inputs for no component, for runs that neither calibrate nor measure error. */
    public static ComponentInputs none() {
        return new ComponentInputs();
    }

    /** Returns the feeds of {@code component}, or an empty list. */
    public List<Map<String, GraphRunner.Input>> feeds(String component) {
        return feeds.getOrDefault(component, List.of());
    }

    /** Returns how the inputs of {@code component} were made, for the manifest. */
    public String source(String component) {
        return sources.get(component);
    }

    /**
     * Builds the inputs of every component the export has.
     *
     * @param exportDir the float export
     * @param manifest its manifest.json
     */
    public static ComponentInputs build(Path exportDir, JsonNode manifest, CalibrationSettings settings, int threads)
            throws OrtException {
        ComponentInputs inputs = new ComponentInputs();
        JsonNode components = manifest.path("components");
        if (components.has("vision")) {
            inputs.vision(exportDir, manifest, settings);
        }
        if (components.has("embed")) {
            List<long[]> prompts = inputs.prompts(exportDir, manifest, settings);
            List<Map<String, GraphRunner.Input>> embedFeeds = new ArrayList<>();
            for (long[] ids : prompts) {
                embedFeeds.add(Map.of("input_ids", GraphRunner.Input.of(ids, 1, ids.length)));
            }
            inputs.feeds.put("embed", embedFeeds);
            inputs.sources.put("embed", inputs.sources.get("prompts"));
            if (components.has("decoder")) {
                inputs.decoder(exportDir, manifest, embedFeeds, prompts, threads);
            }
        }
        return inputs;
    }

    private void vision(Path exportDir, JsonNode manifest, CalibrationSettings settings) {
        JsonNode preprocess = manifest.path("preprocess");
        int tile = preprocess.path("tile_size").asInt(0);
        int patch = preprocess.path("patch_size").asInt(0);
        if (tile <= 0 || patch <= 0) {
            throw MagicvlException.invalidInput("manifest.json in " + exportDir
                    + " has no preprocess.tile_size / patch_size; re-run magicvl convert.");
        }
        double rescale = preprocess.path("rescale_factor").asDouble(1 / 255.0);
        double[] mean = doubles(preprocess.path("image_mean"), 0.5);
        double[] std = doubles(preprocess.path("image_std"), 0.5);
        List<BufferedImage> images = new ArrayList<>();
        if (settings != null && settings.images != null && !settings.images.isEmpty()) {
            List<Path> files = imageFiles(settings.images);
            int limit = settings.samples == null ? files.size() : Math.min(settings.samples, files.size());
            for (Path file : files.subList(0, limit)) {
                images.add(readImage(file));
            }
            sources.put("vision", images.size() + " images from the recipe, one tile each");
        } else {
            int samples = settings == null || settings.samples == null ? DEFAULT_SAMPLES : settings.samples;
            Random random = new Random(20260101L);
            for (int i = 0; i < samples; i++) {
                images.add(syntheticImage(random, tile));
            }
            sources.put("vision", samples + " synthetic images (seeded shapes), one tile each");
        }
        int patches = (tile / patch) * (tile / patch);
        List<Map<String, GraphRunner.Input>> list = new ArrayList<>();
        for (BufferedImage image : images) {
            float[] pixels = normalize(resize(image, tile), tile, rescale, mean, std);
            long[] mask = new long[patches];
            java.util.Arrays.fill(mask, 1);
            Map<String, GraphRunner.Input> feed = new LinkedHashMap<>();
            feed.put("pixel_values", GraphRunner.Input.of(pixels, 1, 3, tile, tile));
            feed.put("patch_mask", GraphRunner.Input.of(mask, 1, patches));
            list.add(feed);
        }
        feeds.put("vision", list);
    }

    private List<long[]> prompts(Path exportDir, JsonNode manifest, CalibrationSettings settings) {
        List<String> texts = settings != null && settings.prompts != null && !settings.prompts.isEmpty()
                ? settings.prompts : DEFAULT_PROMPTS;
        sources.put("prompts", texts.size() + (texts == DEFAULT_PROMPTS ? " built-in prompts" : " prompts from the recipe"));
        Path tokenizerFile = exportDir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizerFile)) {
            throw MagicvlException.invalidInput("tokenizer.json not found in " + exportDir
                    + "; the embed and decoder calibration inputs need it.");
        }
        boolean chat = "qwen-chat".equals(manifest.path("prompt").path("template").asText(""));
        List<long[]> ids = new ArrayList<>();
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(tokenizerFile)
                .optAddSpecialTokens(false)
                .optTruncation(false)
                .build()) {
            for (String text : texts) {
                String prompt = chat ? "<|im_start|>user\n" + text + "<|im_end|>\n<|im_start|>assistant\n" : text;
                ids.add(tokenizer.encode(prompt).getIds());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + tokenizerFile, e);
        }
        return ids;
    }

    private void decoder(Path exportDir, JsonNode manifest, List<Map<String, GraphRunner.Input>> embedFeeds,
            List<long[]> prompts, int threads) throws OrtException {
        String embedFile = manifest.path("components").path("embed").path("file").asText("embed.onnx");
        String decoderFile = manifest.path("components").path("decoder").path("file").asText("decoder.onnx");
        ModelProto decoder = io.magicvl.quantizer.graph.GraphFiles.read(exportDir.resolve(decoderFile));
        int kvHeads = manifest.path("decoder").path("kv_heads").asInt();
        int headDim = manifest.path("decoder").path("head_dim").asInt();
        List<Map<String, GraphRunner.Input>> list = new ArrayList<>();
        try (GraphRunner embed = new GraphRunner(exportDir.resolve(embedFile), threads)) {
            for (int i = 0; i < prompts.size(); i++) {
                long[] ids = prompts.get(i);
                int length = ids.length;
                float[] embeds = embed.run(embedFeeds.get(i), List.of()).values().iterator().next();
                Map<String, GraphRunner.Input> feed = new LinkedHashMap<>();
                for (ValueInfoProto input : decoder.getGraph().getInputList()) {
                    String name = input.getName();
                    if (name.equals("inputs_embeds")) {
                        feed.put(name, GraphRunner.Input.of(embeds, 1, length, embeds.length / length));
                    } else if (name.equals("attention_mask")) {
                        long[] mask = new long[length];
                        java.util.Arrays.fill(mask, 1);
                        feed.put(name, GraphRunner.Input.of(mask, 1, length));
                    } else if (name.equals("position_ids")) {
                        long[] positions = new long[length];
                        for (int p = 0; p < length; p++) {
                            positions[p] = p;
                        }
                        feed.put(name, GraphRunner.Input.of(positions, 1, length));
                    } else if (name.startsWith("past_key_values.")) {
                        feed.put(name, GraphRunner.Input.of(new float[0], 1, kvHeads, 0, headDim));
                    } else {
                        throw MagicvlException.invalidInput("decoder input " + name + " in " + decoderFile
                                + " is not in the export format; re-run magicvl convert.");
                    }
                }
                list.add(feed);
            }
        }
        feeds.put("decoder", list);
        sources.put("decoder", sources.get("prompts") + ", prefill with an empty cache");
    }

    /** Returns the SHA-256 of all feeds of {@code component}, the calibration-inputs part of a cache key. */
    public String hash(String component) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Map<String, GraphRunner.Input> feed : feeds(component)) {
            for (Map.Entry<String, GraphRunner.Input> entry : feed.entrySet()) {
                digest.update(entry.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                GraphRunner.Input input = entry.getValue();
                java.nio.ByteBuffer bytes;
                if (input.floats() != null) {
                    bytes = java.nio.ByteBuffer.allocate(input.floats().length * 4);
                    bytes.asFloatBuffer().put(input.floats());
                } else {
                    bytes = java.nio.ByteBuffer.allocate(input.longs().length * 8);
                    bytes.asLongBuffer().put(input.longs());
                }
                digest.update(bytes);
                for (long dim : input.shape()) {
                    digest.update(Long.toString(dim).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static double[] doubles(JsonNode node, double fallback) {
        double[] values = {fallback, fallback, fallback};
        for (int i = 0; i < 3 && node.isArray() && i < node.size(); i++) {
            values[i] = node.get(i).asDouble();
        }
        return values;
    }

    /** Returns the listed image files, with each listed folder replaced by its images in name order. */
    static List<Path> imageFiles(List<String> entries) {
        List<Path> files = new ArrayList<>();
        for (String entry : entries) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                try (java.util.stream.Stream<Path> listing = Files.list(path)) {
                    listing.filter(file -> file.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                                    .matches(".*\\.(png|jpe?g|bmp|gif)"))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot list calibration images in " + path, e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw MagicvlException.invalidInput("Calibration image not found: " + path
                        + ". List image files or folders under quantize.calibration.images.");
            }
        }
        if (files.isEmpty()) {
            throw MagicvlException.invalidInput("quantize.calibration.images lists no PNG, JPEG, BMP or GIF files: "
                    + entries);
        }
        return files;
    }

    private static BufferedImage readImage(Path path) {
        try {
            BufferedImage image = ImageIO.read(path.toFile());
            if (image == null) {
                throw MagicvlException.invalidInput("Calibration image " + path + " is not a readable PNG, JPEG, BMP or GIF");
            }
            return image;
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Cannot read calibration image " + path + ": " + e.getMessage(), e);
        }
    }

    /** Returns a seeded picture of a few coloured rectangles and ovals on a plain background. */
    static BufferedImage syntheticImage(Random random, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
        g.fillRect(0, 0, size, size);
        for (int shape = 0; shape < 4; shape++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            int x = random.nextInt(size);
            int y = random.nextInt(size);
            int w = 8 + random.nextInt(size / 2);
            int h = 8 + random.nextInt(size / 2);
            if (random.nextBoolean()) {
                g.fillRect(x, y, w, h);
            } else {
                g.fillOval(x, y, w, h);
            }
        }
        g.dispose();
        return image;
    }

    private static BufferedImage resize(BufferedImage image, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(image, 0, 0, size, size, null);
        g.dispose();
        return out;
    }

    private static float[] normalize(BufferedImage image, int size, double rescale, double[] mean, double[] std) {
        float[] pixels = new float[3 * size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = image.getRGB(x, y);
                int[] channels = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
                for (int c = 0; c < 3; c++) {
                    pixels[c * size * size + y * size + x] = (float) ((channels[c] * rescale - mean[c]) / std[c]);
                }
            }
        }
        return pixels;
    }
}
