package io.magicvl.converter.graph;

import io.magicvl.core.onnx.ElementType;
import io.magicvl.core.onnx.GraphBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes the three component graphs of a vision-language model: {@code vision.onnx},
 * {@code embed.onnx} and {@code decoder.onnx}. Weights are streamed from {@link Weights} into
 * each graph's external data file, one tensor at a time.
 */
public final class ComponentGraphs {
    private ComponentGraphs() {}

    /**
     * A graph file as written.
     *
     * @param model the {@code .onnx} file
     * @param data its external data file, or null when every initializer is inside the model
     * @param dataSha256 SHA-256 of the data file, computed while it was written, or null
     */
    public record WrittenGraph(Path model, Path data, String dataSha256) {}

    /**
     * Writes the vision graph (tower + 2x2 pixel unshuffle + {@code mlp1}) to {@code file}.
     *
     * @param matrixType storage type of weight matrices: FLOAT or FLOAT16 (compute stays float32)
     * @param metadata entries for {@code metadata_props}
     */
    public static WrittenGraph writeVision(Path file, Weights weights, VisionFamily family, VisionSpec spec,
            ElementType matrixType, Map<String, String> metadata) {
        return write(file, "vision", weights, matrixType, metadata, ops -> family.graph(ops, spec).build());
    }

    /** Writes the embedding graph ({@code input_ids} -> {@code inputs_embeds}) to {@code file}. */
    public static WrittenGraph writeEmbedding(Path file, Weights weights, DecoderFamily family, DecoderSpec spec,
            ElementType matrixType, Map<String, String> metadata) {
        return write(file, "embed", weights, matrixType, metadata,
                ops -> EmbeddingGraph.build(ops, spec, family.embeddingName(spec)));
    }

    /** Writes the decoder graph (KV cache, logits) to {@code file}. */
    public static WrittenGraph writeDecoder(Path file, Weights weights, DecoderFamily family, DecoderSpec spec,
            ElementType matrixType, Map<String, String> metadata) {
        return write(file, "decoder", weights, matrixType, metadata, ops -> family.graph(ops, spec).build());
    }

    private static WrittenGraph write(Path file, String graphName, Weights weights, ElementType matrixType,
            Map<String, String> metadata, Consumer<Ops> body) {
        try (GraphBuilder graph = GraphBuilder.create(file, graphName)) {
            body.accept(new Ops(graph, weights, matrixType));
            Path model = graph.save(metadata);
            return new WrittenGraph(model, graph.externalDataSha256() == null ? null : graph.externalDataFile(),
                    graph.externalDataSha256());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
