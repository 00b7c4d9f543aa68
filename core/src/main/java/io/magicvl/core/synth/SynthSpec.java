package io.magicvl.core.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.model.Component;
import io.magicvl.core.model.ModelConfig;
import io.magicvl.core.model.ModelLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The content of a synthetic checkpoint: its config.json, preprocessor_config.json and tokenizer,
 * from which the tensor names and shapes follow.
 *
 * <p>{@link #full} gives the published sizes; {@link #tiny} keeps every tensor name and the
 * structure (biases, QK-norm, packed qkv, tied or untied head) but shrinks every dimension, so
 * tests can write one in milliseconds.
 *
 * @param architecture the preset name, one of {@link #ARCHITECTURES}
 * @param tiny whether the sizes were reduced
 * @param config config.json content
 * @param preprocessor preprocessor_config.json content
 * @param tokenizer the tokenizer to synthesize
 */
public record SynthSpec(String architecture, boolean tiny, ObjectNode config, ObjectNode preprocessor,
        TokenizerSpec tokenizer) {

    /** The presets {@code magicvl synth --arch} accepts. */
    public static final List<String> ARCHITECTURES = SynthPresets.NAMES;

    /**
     * Returns the full-size preset {@code architecture}.
     *
     * @throws io.magicvl.core.MagicvlException (invalid input) naming the value and the known presets
     */
    public static SynthSpec full(String architecture) {
        return SynthPresets.create(architecture, false);
    }

    /** Returns {@code architecture} with the same tensor names and structure at a few kB. */
    public static SynthSpec tiny(String architecture) {
        return SynthPresets.create(architecture, true);
    }

    /** Returns the parsed model config. */
    public ModelConfig modelConfig() {
        return ModelConfig.parse(Path.of(architecture + (tiny ? "-tiny" : "") + "/config.json"), config);
    }

    /** Returns the tensor layout the config implies. */
    public ModelLayout layout() {
        return modelConfig().layout();
    }

    /** Returns the parameter count per component of the tensors a checkpoint stores. */
    public Map<Component, Long> parameterCounts() {
        return layout().requiredParameters();
    }

    /** Returns the total parameter count of the stored tensors. */
    public long totalParameters() {
        return parameterCounts().values().stream().mapToLong(Long::longValue).sum();
    }
}
