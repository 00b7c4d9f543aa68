package io.magicvl.core.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.model.Component;
import io.magicvl.core.model.ExpectedTensor;
import io.magicvl.core.model.ModelDescription;
import io.magicvl.core.model.TensorRule;
import io.magicvl.core.safetensors.Checkpoint;
import io.magicvl.core.tensor.DType;
import io.magicvl.core.tensor.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void tinyCheckpointsReadBack() {
        for (String architecture : SynthSpec.ARCHITECTURES) {
            SynthSpec spec = SynthSpec.tiny(architecture);
            Path out = dir.resolve(architecture);
            SyntheticCheckpoint.Result result = SyntheticCheckpoint.write(spec, out, SyntheticCheckpoint.Options.defaults());
            assertEquals(spec.totalParameters(), result.parameters());

            ModelDescription description = ModelDescription.read(out);
            try (Checkpoint checkpoint = Checkpoint.open(out)) {
                var check = description.layout().check(checkpoint).requireOk();
                Map<Component, Long> counts = new EnumMap<>(Component.class);
                for (TensorInfo info : checkpoint.tensors()) {
                    assertEquals(DType.BF16, info.dtype());
                    counts.merge(check.assignment().get(info.name()), info.elementCount(), Long::sum);
                }
                assertEquals(spec.parameterCounts(), counts, architecture);
            }
            int context = description.tokenizer().idOf("<IMG_CONTEXT>").orElseThrow();
            assertTrue(context < description.config().decoder().vocabSize(), architecture);
            assertTrue(description.tokenizer().size() <= description.config().decoder().vocabSize(), architecture);
            assertTrue(Files.isRegularFile(out.resolve(SyntheticCheckpoint.MARKER_FILE)));
        }
    }

    @Test
    void sameSeedSameBytes() throws IOException {
        SynthSpec spec = SynthSpec.tiny("magicvl-2b");
        SyntheticCheckpoint.write(spec, dir.resolve("a"), SyntheticCheckpoint.Options.defaults().withSeed(7));
        SyntheticCheckpoint.write(spec, dir.resolve("b"), SyntheticCheckpoint.Options.defaults().withSeed(7));
        SyntheticCheckpoint.write(spec, dir.resolve("c"), SyntheticCheckpoint.Options.defaults().withSeed(8));
        byte[] a = Files.readAllBytes(dir.resolve("a/model.safetensors"));
        assertArrayEquals(a, Files.readAllBytes(dir.resolve("b/model.safetensors")));
        assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(dir.resolve("c/model.safetensors"))));
    }

    @Test
    void existingOutputNeedsForce() {
        SynthSpec spec = SynthSpec.tiny("magicvl-nano");
        SyntheticCheckpoint.write(spec, dir.resolve("x"), SyntheticCheckpoint.Options.defaults());
        MagicvlException error = assertThrows(MagicvlException.class,
                () -> SyntheticCheckpoint.write(spec, dir.resolve("x"), SyntheticCheckpoint.Options.defaults()));
        assertTrue(error.getMessage().contains("--force"), error.getMessage());
        SyntheticCheckpoint.write(spec, dir.resolve("x"), SyntheticCheckpoint.Options.defaults().withForce(true));
    }

    @Test
    void shardsWithIndexAboveLimit() {
        SynthSpec spec = SynthSpec.tiny("internvl2_5-2b");
        SyntheticCheckpoint.Result result = SyntheticCheckpoint.write(spec, dir.resolve("s"),
                SyntheticCheckpoint.Options.defaults().withMaxShardBytes(100_000));
        assertTrue(result.weightFiles().contains(Checkpoint.INDEX_FILE), result.weightFiles().toString());
        try (Checkpoint checkpoint = Checkpoint.open(dir.resolve("s"))) {
            assertEquals(result.weightFiles().size() - 1, checkpoint.files().size());
            assertEquals(spec.layout().required().size(), checkpoint.tensors().size());
        }
    }

    @Test
    void linearWeightsKeepActivationScale() {
        SynthSpec spec = SynthSpec.tiny("magicvl-2b");
        Path out = dir.resolve("scale");
        SyntheticCheckpoint.write(spec, out, SyntheticCheckpoint.Options.defaults().withDtype(DType.F32));
        Random random = new Random(1);
        try (Checkpoint checkpoint = Checkpoint.open(out)) {
            for (ExpectedTensor tensor : spec.layout().required()) {
                if (tensor.init() != TensorRule.Init.LINEAR) {
                    continue;
                }
                long[] shape = tensor.shape();
                int rows = (int) shape[0];
                int columns = (int) (tensor.elementCount() / rows);
                float[] weights = checkpoint.readFloats(tensor.name());
                double sumSquares = 0;
                for (int trial = 0; trial < 8; trial++) {
                    double[] x = new double[columns];
                    for (int j = 0; j < columns; j++) {
                        x[j] = random.nextGaussian();
                    }
                    for (int r = 0; r < rows; r++) {
                        double y = 0;
                        for (int j = 0; j < columns; j++) {
                            y += weights[r * columns + j] * x[j];
                        }
                        sumSquares += y * y;
                    }
                }
                double rms = Math.sqrt(sumSquares / (8.0 * rows));
                assertTrue(rms > 0.6 && rms < 1.5, tensor.name() + " maps unit inputs to RMS " + rms);
            }
        }
    }
}
