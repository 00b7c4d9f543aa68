package io.magicvl.converter.graph;

import java.util.function.BiFunction;

/** Language model families the converter exports, each with its graph builder. */
public enum DecoderFamily {
    /** Qwen2, Qwen2.5 and Qwen3. */
    QWEN(QwenDecoderGraph::new),
    /** InternLM2 and InternLM2.5. */
    INTERNLM2(InternLm2DecoderGraph::new);

    private final BiFunction<Ops, DecoderSpec, DecoderGraph> factory;

    DecoderFamily(BiFunction<Ops, DecoderSpec, DecoderGraph> factory) {
        this.factory = factory;
    }

    DecoderGraph graph(Ops ops, DecoderSpec spec) {
        return factory.apply(ops, spec);
    }

    /** Returns the name of the token embedding table for a decoder with {@code spec}. */
    public String embeddingName(DecoderSpec spec) {
        return graph(null, spec).embeddingName();
    }
}
