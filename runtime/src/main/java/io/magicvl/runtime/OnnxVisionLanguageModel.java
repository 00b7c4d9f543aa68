package io.magicvl.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import io.magicvl.core.MagicvlException;
import io.magicvl.runtime.preprocess.ImagePreprocessor;
import io.magicvl.runtime.preprocess.PreprocessedImage;
import io.magicvl.runtime.text.Prompt;
import io.magicvl.runtime.text.PromptBuilder;
import io.magicvl.runtime.text.TextTokenizer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers questions about images with the three ONNX graphs of an export folder: vision ->
 * gather the valid visual tokens in raster order -> embed the prompt -> replace the
 * placeholder embeddings in order -> decoder prefill -> greedy decoding with the KV cache
 * until an end token or the token limit.
 *
 * <p>Usage:
 * <pre>{@code
 * try (OnnxVisionLanguageModel model = OnnxVisionLanguageModel.open(exportDir, RuntimeOptions.defaults())) {
 *     Answer answer = model.answer(Path.of("photo.png"), "What is written in the image?", 64);
 * }
 * }</pre>
 *
 * <p>Not thread-safe: it reuses its buffers across answers.
 */
public final class OnnxVisionLanguageModel implements VisionLanguageModel {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxVisionLanguageModel.class);

    private final RuntimeManifest manifest;
    private final RuntimeOptions options;
    private final ImagePreprocessor preprocessor;
    private final TextTokenizer tokenizer;
    private final PromptBuilder promptBuilder;
    private final VisionRunner vision;
    private final EmbedRunner embed;
    private final DecoderRunner decoder;
    private final OrtClock clock;
    private final long[] eosIds;
    private final long loadNanos;
    private FloatBuffer promptEmbeds = DirectBuffers.floats(0);
    private final FloatBuffer stepEmbed;

    private OnnxVisionLanguageModel(RuntimeManifest manifest, RuntimeOptions options, ImagePreprocessor preprocessor,
            TextTokenizer tokenizer, VisionRunner vision, EmbedRunner embed, DecoderRunner decoder, OrtClock clock,
            long loadNanos) {
        this.manifest = manifest;
        this.options = options;
        this.preprocessor = preprocessor;
        this.tokenizer = tokenizer;
        this.promptBuilder = new PromptBuilder(tokenizer, manifest.prompt());
        this.vision = vision;
        this.embed = embed;
        this.decoder = decoder;
        this.clock = clock;
        this.eosIds = manifest.prompt().eosTokenIds().stream().mapToLong(Long::longValue).toArray();
        this.loadNanos = loadNanos;
        this.stepEmbed = DirectBuffers.floats(manifest.decoder().hiddenSize());
    }

    /** Loads the export folder {@code exportDir} with {@link RuntimeOptions#defaults()}. */
    public static OnnxVisionLanguageModel open(Path exportDir) {
        return open(exportDir, RuntimeOptions.defaults());
    }

    /**
     * Loads the export folder {@code exportDir}: manifest, tokenizer and the three graphs.
     *
     * @throws MagicvlException (invalid input) when a file is missing or invalid, or the
     *     execution provider is not in this ONNX Runtime build
     */
    public static OnnxVisionLanguageModel open(Path exportDir, RuntimeOptions options) {
        long start = System.nanoTime();
        if (!Files.isDirectory(exportDir)) {
            throw MagicvlException.invalidInput("Export folder not found: " + exportDir + ". Run magicvl convert first.");
        }
        RuntimeManifest manifest = RuntimeManifest.read(exportDir);
        OrtEnvironment environment = Environment.INSTANCE;
        SessionFactory sessions = new SessionFactory(environment, options);
        OrtClock clock = new OrtClock();
        int hidden = manifest.decoder().hiddenSize();
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            TextTokenizer tokenizer = TextTokenizer.open(exportDir.resolve("tokenizer.json"));
            opened.add(tokenizer);
            VisionRunner vision = new VisionRunner(environment, sessions.open(manifest.componentFile("vision")), hidden, clock);
            opened.add(vision);
            EmbedRunner embed = new EmbedRunner(environment, sessions.open(manifest.componentFile("embed")), hidden, clock);
            opened.add(embed);
            Path decoderFile = manifest.componentFile("decoder");
            DecoderRunner decoder = new DecoderRunner(environment, sessions.open(decoderFile), manifest.decoder(), clock,
                    decoderFile);
            opened.add(decoder);
            OnnxVisionLanguageModel model = new OnnxVisionLanguageModel(manifest, options,
                    new ImagePreprocessor(manifest.preprocess()), tokenizer, vision, embed, decoder, clock,
                    System.nanoTime() - start);
            LOG.debug("Loaded {} from {} in {} ms", manifest.modelName(), exportDir, model.loadNanos / 1_000_000);
            return model;
        } catch (RuntimeException e) {
            for (AutoCloseable resource : opened) {
                try {
                    resource.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    @Override
    public Answer answer(Path image, String question, int maxNewTokens) {
        return answer(image, question, maxNewTokens, null);
    }

    /**
     * Answers like {@link #answer(Path, String, int)} and records intermediate tensors in
     * {@code trace} when it is not null.
     *
     * @throws MagicvlException (invalid input) for an unreadable image or a prompt longer than
     *     the decoder's context
     */
    public Answer answer(Path image, String question, int maxNewTokens, AnswerTrace trace) {
        return answer(image, question, maxNewTokens, true, trace);
    }

    /**
     * Answers like {@link #answer(Path, String, int, AnswerTrace)}; with {@code stopAtEos}
     * false it ignores end tokens and always generates {@code maxNewTokens} tokens (context
     * permitting), which benchmarks use to time a fixed number of decode steps.
     */
    public Answer answer(Path image, String question, int maxNewTokens, boolean stopAtEos, AnswerTrace trace) {
        if (maxNewTokens < 1) {
            throw MagicvlException.invalidInput("The token limit must be at least 1, got " + maxNewTokens + ".");
        }
        try {
            return generate(image, question, maxNewTokens, stopAtEos, trace);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + manifest.dir() + ": " + e.getMessage(), e);
        }
    }

    private Answer generate(Path image, String question, int maxNewTokens, boolean stopAtEos, AnswerTrace trace)
            throws OrtException {
        long start = System.nanoTime();
        PreprocessedImage pre = image == null ? null : preprocessor.preprocess(image);
        int visual = pre == null ? 0 : pre.visualTokens();
        Prompt prompt = promptBuilder.build(question, visual);
        long[] ids = prompt.ids();
        int limit = checkContext(ids.length, visual, maxNewTokens);
        int hidden = manifest.decoder().hiddenSize();
        if (trace != null) {
            trace.image = pre;
            trace.promptIds = ids;
            trace.hiddenSize = hidden;
        }
        long visionStart = System.nanoTime();
        long ortAtVision = clock.nanos();

        float[] imageTokens = null;
        if (pre != null) {
            float[] tileTokens = vision.encode(pre);
            imageTokens = gather(tileTokens, pre.tokenOrder(), hidden);
            if (trace != null) {
                trace.tileTokens = tileTokens;
                trace.imageTokens = imageTokens;
            }
        }
        long embedStart = System.nanoTime();

        FloatBuffer embeds = embedPrompt(ids, prompt.placeholderPositions(), imageTokens);
        long prefillStart = System.nanoTime();

        int chunk = options.prefillChunkTokens() == 0 ? ids.length : Math.min(options.prefillChunkTokens(), ids.length);
        decoder.reset(ids.length + limit, chunk);
        FloatBuffer logits = null;
        int lastLength = 0;
        for (int offset = 0; offset < ids.length; offset += chunk) {
            int length = Math.min(chunk, ids.length - offset);
            try (OnnxTensor piece = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(),
                    DirectBuffers.view(embeds, (long) offset * hidden, (long) length * hidden),
                    new long[] {1, length, hidden})) {
                logits = decoder.run(piece, length);
            }
            lastLength = length;
        }
        int vocab = manifest.decoder().vocabSize();
        int next = argmax(logits, (lastLength - 1) * vocab, vocab);
        if (trace != null) {
            trace.firstLogits = copyRow(logits, (lastLength - 1) * vocab, vocab);
        }
        long decodeStart = System.nanoTime();
        long ortAtDecode = clock.nanos();

        // Primitive arrays, so the loop allocates nothing per token.
        long[] generated = new long[Math.min(limit, 64)];
        long[] steps = new long[generated.length];
        int count = 0;
        int stepCount = 0;
        try (OnnxTensor stepTensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), stepEmbed,
                new long[] {1, 1, hidden})) {
            long[] stepId = new long[1];
            while (!stopAtEos || !isEos(next)) {
                if (count == generated.length) {
                    generated = Arrays.copyOf(generated, count * 2);
                    steps = Arrays.copyOf(steps, count * 2);
                }
                generated[count++] = next;
                if (count >= limit) {
                    break;
                }
                long stepStart = System.nanoTime();
                stepId[0] = next;
                embed.embed(stepId, stepEmbed);
                FloatBuffer stepLogits = decoder.run(stepTensor, 1);
                next = argmax(stepLogits, 0, vocab);
                steps[stepCount++] = System.nanoTime() - stepStart;
                if (trace != null && trace.keepStepLogits()) {
                    trace.stepLogits.add(copyRow(stepLogits, 0, vocab));
                }
            }
        }
        long decodeEnd = System.nanoTime();

        long[] tokens = Arrays.copyOf(generated, count);
        String text = tokenizer.decode(tokens, true);
        long end = System.nanoTime();
        long ortNanos = clock.nanos() - ortAtVision;
        long decodeOrtNanos = clock.nanos() - ortAtDecode;
        List<Long> stepList = new ArrayList<>(stepCount);
        for (int i = 0; i < stepCount; i++) {
            stepList.add(steps[i]);
        }
        PhaseTimings timings = new PhaseTimings(
                visionStart - start,
                embedStart - visionStart,
                prefillStart - embedStart,
                decodeStart - prefillStart,
                stepList,
                end - start,
                Math.max(0, end - visionStart - ortNanos),
                Math.max(0, decodeEnd - decodeStart - decodeOrtNanos));
        return new Answer(text, Arrays.stream(tokens).mapToObj(id -> (int) id).toList(),
                Arrays.stream(ids).mapToObj(id -> (int) id).toList(),
                pre == null ? 0 : pre.tiles(), visual, timings);
    }

    /** Returns how many tokens may be generated, rejecting prompts that leave no room. */
    private int checkContext(int promptLength, int visual, int maxNewTokens) {
        int maxPositions = manifest.decoder().maxPositions();
        if (promptLength >= maxPositions) {
            throw MagicvlException.invalidInput("The prompt has " + promptLength + " tokens (" + visual
                    + " of them visual) but the decoder of " + manifest.dir() + " takes at most " + maxPositions
                    + " positions. Shorten the question or use a smaller image.");
        }
        return Math.min(maxNewTokens, maxPositions - promptLength);
    }

    /** Returns the rows of {@code tileTokens} listed in {@code order}, {@code [order.length, hidden]}. */
    static float[] gather(float[] tileTokens, int[] order, int hidden) {
        float[] out = new float[order.length * hidden];
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(tileTokens, order[k] * hidden, out, k * hidden, hidden);
        }
        return out;
    }

    /** Embeds the prompt and overwrites the placeholder rows with the visual tokens, in order. */
    private FloatBuffer embedPrompt(long[] ids, int[] placeholders, float[] imageTokens) throws OrtException {
        int hidden = manifest.decoder().hiddenSize();
        long needed = (long) ids.length * hidden;
        if (promptEmbeds.capacity() < needed) {
            promptEmbeds = DirectBuffers.floats(needed);
        }
        embed.embed(ids, promptEmbeds);
        for (int k = 0; k < placeholders.length; k++) {
            promptEmbeds.put(placeholders[k] * hidden, imageTokens, k * hidden, hidden);
        }
        return promptEmbeds;
    }

    /**
     * Runs the decoder once over the prompt followed by {@code continuation}, without a cache,
     * and returns the logits of every position, {@code [length, vocab]} row-major. Used to check
     * that cached decoding gives the same logits.
     */
    public float[] logitsWithoutCache(Path image, String question, long[] continuation) {
        try {
            PreprocessedImage pre = image == null ? null : preprocessor.preprocess(image);
            int visual = pre == null ? 0 : pre.visualTokens();
            Prompt prompt = promptBuilder.build(question, visual);
            int hidden = manifest.decoder().hiddenSize();
            float[] imageTokens = pre == null ? null : gather(vision.encode(pre), pre.tokenOrder(), hidden);
            long[] ids = Arrays.copyOf(prompt.ids(), prompt.ids().length + continuation.length);
            System.arraycopy(continuation, 0, ids, prompt.ids().length, continuation.length);
            FloatBuffer embeds = embedPrompt(ids, prompt.placeholderPositions(), imageTokens);
            decoder.reset(ids.length, ids.length);
            try (OnnxTensor all = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(),
                    DirectBuffers.view(embeds, 0, (long) ids.length * hidden), new long[] {1, ids.length, hidden})) {
                FloatBuffer logits = decoder.run(all, ids.length);
                float[] out = new float[ids.length * manifest.decoder().vocabSize()];
                logits.get(0, out);
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + manifest.dir() + ": " + e.getMessage(), e);
        }
    }

    private boolean isEos(int id) {
        for (long eos : eosIds) {
            if (eos == id) {
                return true;
            }
        }
        return false;
    }

    private static int argmax(FloatBuffer values, int offset, int count) {
        int best = 0;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            float v = values.get(offset + i);
            if (v > bestValue) {
                bestValue = v;
                best = i;
            }
        }
        return best;
    }

    private static float[] copyRow(FloatBuffer values, int offset, int count) {
        float[] row = new float[count];
        values.get(offset, row);
        return row;
    }

    /** Returns the time {@link #open} took, in nanoseconds. */
    public long loadNanos() {
        return loadNanos;
    }

    public RuntimeManifest manifest() {
        return manifest;
    }

    public RuntimeOptions options() {
        return options;
    }

    public ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    /** Returns the bytes held by the KV cache buffers. */
    public long cacheBytes() {
        return decoder.cache().bytes();
    }

    @Override
    public Path exportDir() {
        return manifest.dir();
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable resource : List.<AutoCloseable>of(decoder, embed, vision, tokenizer)) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Cannot close " + manifest.dir(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The process-wide ONNX Runtime environment. ONNX Runtime logs a warning whenever the
     * environment is requested with another log level or name than it was created with, so
     * the converter and quantizer request it with the same settings.
     */
    private static final class Environment {
        static final OrtEnvironment INSTANCE =
                OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "magicvl");
    }
}
