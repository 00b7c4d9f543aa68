package io.magicvl.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.model.Component;
import io.magicvl.core.model.ModelConfig;
import io.magicvl.core.safetensors.Checkpoint;
import io.magicvl.core.tensor.TensorInfo;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes the full-size magicvl-2b checkpoint (3.6 GB) and reads it back. */
@Tag("slow")
class FullSizeSynthTest {
    @TempDir
    Path dir;

    @Test
    void magicvl2bWritesAndReadsBack() {
        Path out = dir.resolve("magicvl-2b");
        SyntheticCheckpoint.Result result = SyntheticCheckpoint.write(SynthSpec.full("magicvl-2b"), out,
                SyntheticCheckpoint.Options.defaults());
        assertEquals(3, result.weightFiles().size(), "two shards and the index: " + result.weightFiles());

        ModelConfig config = ModelConfig.read(out);
        try (Checkpoint checkpoint = Checkpoint.open(out)) {
            var check = config.layout().check(checkpoint).requireOk();
            Map<Component, Long> counts = new EnumMap<>(Component.class);
            for (TensorInfo info : checkpoint.tensors()) {
                counts.merge(check.assignment().get(info.name()), info.elementCount(), Long::sum);
            }
            assertEquals(86_088_960L, counts.get(Component.VISION), "SigLIP2-B/16-384 without head");
            assertEquals(1_720_574_976L, counts.get(Component.EMBEDDINGS) + counts.get(Component.DECODER), "Qwen3-1.7B");

            float[] embeddings = new float[4096];
            long rows = checkpoint.info("language_model.model.embed_tokens.weight").elementCount();
            checkpoint.readFloats("language_model.model.embed_tokens.weight", rows - 4096, embeddings, 0, 4096);
            double sumSquares = 0;
            for (float value : embeddings) {
                assertTrue(Float.isFinite(value));
                sumSquares += value * value;
            }
            double std = Math.sqrt(sumSquares / embeddings.length);
            assertTrue(std > 0.018 && std < 0.022, "embedding std " + std);
        }
    }
}
