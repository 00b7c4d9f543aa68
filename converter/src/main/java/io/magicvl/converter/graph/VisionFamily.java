package io.magicvl.converter.graph;

import java.util.function.BiFunction;

/** Vision tower families the converter exports, each with its graph builder. */
public enum VisionFamily {
    /** SigLIP / SigLIP2 FixRes (MagicVL). */
    SIGLIP(SiglipVisionGraph::new),
    /** InternViT (InternVL2.5). */
    INTERNVIT(InternVitVisionGraph::new);

    private final BiFunction<Ops, VisionSpec, VisionGraph> factory;

    VisionFamily(BiFunction<Ops, VisionSpec, VisionGraph> factory) {
        this.factory = factory;
    }

    VisionGraph graph(Ops ops, VisionSpec spec) {
        return factory.apply(ops, spec);
    }
}
