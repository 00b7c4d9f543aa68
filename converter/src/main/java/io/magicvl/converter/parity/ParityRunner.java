package io.magicvl.converter.parity;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.magicvl.converter.ConvertSection;
import io.magicvl.converter.ParityMode;
import io.magicvl.converter.export.ModelSpecs;
import io.magicvl.converter.graph.ComponentGraphs;
import io.magicvl.converter.graph.DecoderFamily;
import io.magicvl.converter.graph.DecoderSpec;
import io.magicvl.converter.graph.VisionFamily;
import io.magicvl.converter.graph.VisionSpec;
import io.magicvl.converter.graph.Weights;
import io.magicvl.converter.reference.ParityInputs;
import io.magicvl.converter.reference.ParityStats;
import io.magicvl.converter.reference.ReferenceDecoder;
import io.magicvl.converter.reference.ReferenceVision;
import io.magicvl.converter.reference.WeightSource;
import io.magicvl.core.io.OutputPaths;
import io.magicvl.core.model.ModelDescription;
import io.magicvl.core.onnx.ElementType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the exported graphs in ONNX Runtime and the independent Java reference on the same
 * deterministic inputs, and tabulates their agreement. Vision gets a full tile and an edge tile
 * with padding, embed the rows of a prompt, and the decoder a prompt followed by two cached
 * decode steps (argmax agreement included).
 *
 * <p>Quick mode on a large model (more than {@link ParityMode#QUICK_FULL_DEPTH_LIMIT} decoder
 * layer parameters) checks truncated-depth copies: the first {@code quick_layers} vision and
 * decoder layers and the first {@link #QUICK_VOCAB} vocabulary rows, exported by the same
 * builders into a scratch folder.
 */
public final class ParityRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ParityRunner.class);
    /** Seed of the deterministic parity inputs. */
    static final long SEED = 20_260_104L;
    /** Prompt length of the decoder check. */
    static final int PROMPT_LENGTH = 8;
    /** Cached decode steps after the prompt. */
    static final int STEPS = 2;
    /** Vocabulary rows kept by a truncated quick check. */
    static final int QUICK_VOCAB = 4096;

    private ParityRunner() {}

    /** Runs the parity checks of the export in {@code folder} and returns the table. */
    public static List<ParityRow> run(Path folder, ModelDescription model, Weights weights, String precision,
            ParityMode mode, ConvertSection section) {
        VisionFamily visionFamily = ModelSpecs.visionFamily(model.config());
        DecoderFamily decoderFamily = ModelSpecs.decoderFamily(model.config());
        VisionSpec vision = ModelSpecs.vision(model.config());
        DecoderSpec decoder = ModelSpecs.decoder(model.config());
        ConvertSection.Thresholds limits = section.thresholdsFor(precision);
        Path scratch = null;
        try {
            Path visionFile = folder.resolve("vision.onnx");
            Path embedFile = folder.resolve("embed.onnx");
            Path decoderFile = folder.resolve("decoder.onnx");
            if (mode == ParityMode.QUICK && layerParameters(decoder) > ParityMode.QUICK_FULL_DEPTH_LIMIT) {
                int layers = section.quickLayersOrDefault();
                String embedding = decoderFamily.embeddingName(decoder);
                weights = new TruncatedWeights(weights, Set.of(embedding, decoder.lmHead()), QUICK_VOCAB);
                vision = new VisionSpec(vision.prefix(), vision.projectorPrefix(), vision.hidden(),
                        Math.min(layers, vision.layers()), vision.heads(), vision.intermediate(), vision.imageSize(), vision.patchSize(),
                        vision.layerNormEps(), vision.outputHidden());
                decoder = new DecoderSpec(decoder.prefix(), decoder.lmHead(), decoder.tied(), decoder.hidden(),
                        Math.min(layers, decoder.layers()), decoder.heads(), decoder.kvHeads(), decoder.headDim(),
                        decoder.intermediate(), Math.min(QUICK_VOCAB, decoder.vocab()), decoder.rmsNormEps(),
                        decoder.ropeTheta(), decoder.qkvBias(), decoder.qkNorm());
                LOG.info("Quick parity: checking truncated copies ({} vision and {} decoder layers, {} vocabulary rows)",
                        vision.layers(), decoder.layers(), decoder.vocab());
                scratch = Files.createTempDirectory(folder.getParent(), ".parity-");
                ElementType type = precision.equals("fp16") ? ElementType.FLOAT16 : ElementType.FLOAT;
                visionFile = ComponentGraphs.writeVision(scratch.resolve("vision.onnx"), weights, visionFamily, vision,
                        type, Map.of()).model();
                embedFile = ComponentGraphs.writeEmbedding(scratch.resolve("embed.onnx"), weights, decoderFamily,
                        decoder, type, Map.of()).model();
                decoderFile = ComponentGraphs.writeDecoder(scratch.resolve("decoder.onnx"), weights, decoderFamily,
                        decoder, type, Map.of()).model();
            }
            WeightSource source = new WeightSourceAdapter(weights);
            List<ParityRow> rows = new ArrayList<>();
            rows.addAll(checkVision(visionFile, ReferenceSpecs.vision(visionFamily, vision), source, model, limits));
            releaseHeap();
            rows.addAll(checkText(embedFile, decoderFile, ReferenceSpecs.decoder(model.config().decoder().kind(), decoder),
                    source, limits));
            return rows;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run an exported graph: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the quick parity graphs beside " + folder, e);
        } finally {
            if (scratch != null) {
                try {
                    OutputPaths.deleteRecursively(scratch);
                } catch (IOException e) {
                    LOG.warn("Cannot delete {}: {}", scratch, e.getMessage());
                }
            }
        }
    }

    private static long layerParameters(DecoderSpec d) {
        long attention = (long) d.hidden() * d.headDim() * (2L * d.heads() + 2L * d.kvHeads());
        long mlp = 3L * d.hidden() * d.intermediate();
        return d.layers() * (attention + mlp);
    }

    private static List<ParityRow> checkVision(Path file, io.magicvl.converter.reference.VisionSpec spec,
            WeightSource source, ModelDescription model, ConvertSection.Thresholds limits) throws OrtException {
        ParityInputs.VisionInput input = ParityInputs.vision(spec, SEED, (float) model.config().tiling().padValue());
        float[] actual;
        try (OrtSession session = OrtGraphs.open(file)) {
            actual = OrtGraphs.vision(session, input.pixels(), input.patchMask(), input.tiles(), spec.imageSize());
        }
        float[][][] expected = new ReferenceVision(spec, source).run(input.pixels(), input.patchMask(), input.tiles());
        List<ParityRow> rows = new ArrayList<>();
        int perTile = actual.length / input.tiles();
        for (int tile = 0; tile < input.tiles(); tile++) {
            float[] want = ParityStats.flatten(expected[tile]);
            float[] got = Arrays.copyOfRange(actual, tile * perTile, (tile + 1) * perTile);
            String check = tile == 0 ? "full tile" : "edge tile (padded)";
            rows.add(row("vision", check, ParityStats.compare(want, got), limits, false));
        }
        return rows;
    }

    private static List<ParityRow> checkText(Path embedFile, Path decoderFile,
            io.magicvl.converter.reference.DecoderSpec spec, WeightSource source, ConvertSection.Thresholds limits)
            throws OrtException {
        // The reference runs first and is dropped before ONNX Runtime loads the decoder, so the
        // two float32 copies of the weights are never in memory together (bounded RSS).
        ReferenceDecoder reference = new ReferenceDecoder(spec, source);
        ParityInputs.DecoderInput input = ParityInputs.decoder(reference, SEED, PROMPT_LENGTH, STEPS);
        List<float[]> expected = new ArrayList<>();
        expected.add(reference.prefill(input.promptEmbeds()));
        for (float[] step : input.stepEmbeds()) {
            expected.add(reference.step(step));
        }
        reference = null;
        releaseHeap();

        List<ParityRow> rows = new ArrayList<>();
        int hidden = spec.hiddenSize();
        try (OrtSession embed = OrtGraphs.open(embedFile)) {
            float[] actual = OrtGraphs.embed(embed, input.promptIds());
            rows.add(row("embed", "prompt ids", ParityStats.compare(ParityStats.flatten(input.promptEmbeds()), actual),
                    limits, false));
        }
        try (OrtSession decoder = OrtGraphs.open(decoderFile)) {
            OrtGraphs.Cache cache = new OrtGraphs.Cache(spec.layers(), spec.kvHeads(), spec.headDim());
            float[] promptLogits = OrtGraphs.decode(decoder, ParityStats.flatten(input.promptEmbeds()), hidden, cache);
            float[] last = Arrays.copyOfRange(promptLogits, promptLogits.length - spec.vocabSize(), promptLogits.length);
            rows.add(row("decoder", "prompt (" + input.promptIds().length + " tokens)",
                    ParityStats.compareLogits(expected.get(0), last, spec.vocabSize()), limits, true));
            for (int step = 0; step < input.stepEmbeds().length; step++) {
                float[] got = OrtGraphs.decode(decoder, input.stepEmbeds()[step], hidden, cache);
                rows.add(row("decoder", "cached step " + (step + 1),
                        ParityStats.compareLogits(expected.get(step + 1), got, spec.vocabSize()), limits, true));
            }
        }
        return rows;
    }

    /**
     * Asks for a full collection so that G1 can return the reference's weights to the operating
     * system before ONNX Runtime allocates its own copy; it only lowers peak RSS.
     */
    private static void releaseHeap() {
        System.gc();
    }

    private static ParityRow row(String component, String check, ParityStats stats, ConvertSection.Thresholds limits,
            boolean logits) {
        boolean passed = stats.nonFinite() == 0
                && stats.maxAbs() <= limits.maxAbs()
                && stats.cosine() >= limits.minCosine()
                && (!logits || !limits.argmax() || stats.argmaxAgrees());
        return new ParityRow(component, check, stats.maxAbs(), stats.maxRel(), stats.cosine(),
                logits ? stats.argmaxAgree() : -1, logits ? stats.argmaxRows() : 0, passed);
    }

    /** The reference's view of the same weights. */
    private static final class WeightSourceAdapter implements WeightSource {
        private final Weights weights;

        WeightSourceAdapter(Weights weights) {
            this.weights = weights;
        }

        @Override
        public float[] floats(String name) {
            long count = 1;
            for (long dim : weights.shape(name)) {
                count = Math.multiplyExact(count, dim);
            }
            float[] values = new float[Math.toIntExact(count)];
            weights.read(name, 0, values, 0, values.length);
            return values;
        }

        @Override
        public boolean contains(String name) {
            return weights.contains(name);
        }
    }
}
